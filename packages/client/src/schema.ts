// Generated from openapi.json by `pnpm --filter @eligo/client generate:schema`; do not edit.
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and database reachability (no token needed) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Up */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ok";
                        };
                    };
                };
                /** @description The database does not answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: whether this instance can store what it is sent (no token needed)
         * @description Unlike `/healthz`, this says `unavailable` after a storage failure (disk full, I/O error, database unreachable) until a write succeeds again; while it does, it tries one small write per check. Route traffic by this; restart by `/healthz`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ready */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "ready";
                        };
                    };
                };
                /** @description Storage cannot take writes; `Retry-After` says when to ask again */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            status: "unavailable";
                            /** @enum {string} */
                            storage: "full" | "io_error" | "unreachable" | "unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Compile criteria text and return its diagnostics (nothing is stored) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CriteriaText"];
                };
            };
            responses: {
                /** @description Diagnostics; `ok` is false when there are errors */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CheckResult"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The criteria text does not compile; `diagnostics` lists why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List protocols with their latest published version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Protocols */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProtocolList"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create or update your draft of the protocol the text declares */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CriteriaText"];
                };
            };
            responses: {
                /** @description Draft saved */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Draft"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The criteria text does not compile; `diagnostics` lists why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your draft of a protocol (each author has their own; a reviewer reads the one saved last) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The draft */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Draft"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The criteria text does not compile; `diagnostics` lists why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Replace your draft of a protocol (each author has their own) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["CriteriaText"];
                };
            };
            responses: {
                /** @description Draft saved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Draft"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The criteria text does not compile; `diagnostics` lists why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Published versions of a protocol, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Versions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["VersionList"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Publish an immutable version (identical text returns the existing version)
         * @description A new version gets the next number. When the text declares a version (`version "3"`), it must be that number: otherwise 409 `version_mismatch`, naming both, and nothing is published. A text without a version line takes the number alone.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["Publish"];
                };
            };
            responses: {
                /** @description Identical text was already published: that version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublishResult"];
                    };
                };
                /** @description Published as a new version */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublishResult"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The criteria text does not compile; `diagnostics` lists why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest published version with its source, criteria, cohorts, questions and input schema */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The protocol */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProtocolDetail"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A given published version */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    version: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The protocol version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ProtocolDetail"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}/screenings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Screen one patient (FHIR Bundle or native facts); recorded in the audit log
         * @description By default the response is compact (`CompactScreening`, what `eligo screen --ndjson` prints): per cohort the verdict, each criterion's status by id and the data elements missing to decide the unknown ones; criterion titles and sources are in the protocol (`GET /v1/protocols/{id}`). With `"full": true` it is the CLI screening contract (`eligo screen --json`: each criterion with its kind, title, source and explanation), with `"trace": true` that and each criterion's `trace` tree. Either way plus `id` (the audit record) and `protocol.published`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ScreeningRequest"];
                };
            };
            responses: {
                /** @description The screening: compact unless `full` or `trace` asks for the text */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CompactScreening"] | components["schemas"]["Screening"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}/screenings/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Screen a population: NDJSON in (one screening input per line), NDJSON out
         * @description Each output line is a CompactScreening (a Screening with `?full=true`; with each criterion's `trace` tree too with `?trace=true`) led by the input's `line` and `ref`, or `{line, errors}` for an input line that could not be screened. The last line is `{summary, batch}`: the attrition funnel, written after every audit record is committed. The request body limit applies per line.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Pin a published version */
                    version?: number;
                    /** @description Keep each patient input in its audit record */
                    store?: "true" | "false";
                    /** @description Full screenings (titles, sources, explanations) instead of compact lines */
                    full?: "true" | "false";
                    /** @description Full screenings with each criterion's `trace` tree */
                    trace?: "true" | "false";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/x-ndjson": string;
                };
            };
            responses: {
                /** @description One JSON document per line, streamed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/x-ndjson": string;
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}/feasibility": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a feasibility run: how many patients of a population each criterion keeps
         * @description Counts an uploaded NDJSON population, or a FHIR bulk export in the server's `ELIGO_BULK_DIR`, against the latest published version, as a job off the request thread. The result is the attrition funnel only: no patient rows, no references.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["FeasibilityRequest"];
                };
            };
            responses: {
                /** @description The job, queued */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FeasibilityJob"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/feasibility/{job}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A feasibility job's state, progress and, once done, its funnel */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    job: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The job */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FeasibilityJob"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Cancel a feasibility job (a finished job stays as it was) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    job: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The job */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["FeasibilityJob"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bulk-exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The FHIR bulk exports in the server's `ELIGO_BULK_DIR` that a feasibility run can name
         * @description Names, and per export the count and size of its NDJSON files; nothing read from inside them. Empty (and `configured: false`) when `ELIGO_BULK_DIR` is not set.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The exports, by name */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BulkExportList"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A trial's settings (whether publishing needs a reviewer's approval) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrialSettings"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Change a trial's settings */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TrialSettings"];
                };
            };
            responses: {
                /** @description The settings */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TrialSettings"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}/reviews/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Review comments and approvals of one text of a protocol (its draft or a version, by hash) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The content hash of a draft or version */
                    hash: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The review */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Review"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}/reviews/{hash}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment on one criterion of a text */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The content hash of a draft or version */
                    hash: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewReviewComment"];
                };
            };
            responses: {
                /** @description The comment */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReviewComment"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}/reviews/{hash}/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a text for publication (by a reviewer who is not the text's author) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    /** @description The content hash of a draft or version */
                    hash: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Approved */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Approval"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/protocols/{id}/impact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Which of the site's recorded screenings a change of the criteria would decide otherwise, and why
         * @description Screens the kept input of the protocol's recorded screenings (those posted with `"store": true`), newest first, against `from` (a published version, the latest by default) and `to` (a version or criteria text), and lists per screening whose verdicts differ the cohorts that change and the criteria whose status changed. Only audit ids, site references and statuses are returned, never the input. At most 100 screenings per request (`limit`, 50 by default); `next` continues.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ImpactRequest"];
                };
            };
            responses: {
                /** @description One page of the comparison */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Impact"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The criteria text does not compile; `diagnostics` lists why */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/matches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Which trials could this patient join? One patient screened against every published trial, ranked
         * @description Takes the document a screening takes. Answers and native facts are given to each trial by its own ids (others are ignored), so one document can carry every trial's answers. Each trial's screening is recorded in the audit log under the returned id.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MatchRequest"];
                };
            };
            responses: {
                /** @description The ranked matches */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Matches"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit log of screenings, newest first, with filters and a cursor
         * @description An admin reads every token's screenings; any other role from screener up reads only the screenings recorded with its own token (a `token` filter naming another token finds nothing).
         */
        get: {
            parameters: {
                query?: {
                    protocol?: string;
                    version?: number;
                    token?: string;
                    batch?: string;
                    /** @description ISO date-time, inclusive */
                    since?: string;
                    /** @description ISO date-time, exclusive */
                    until?: string;
                    /** @description Entries where some cohort (or `cohort`) has this verdict */
                    verdict?: "eligible" | "ineligible" | "undetermined";
                    /** @description With `verdict`: the cohort that has it */
                    cohort?: string;
                    /** @description Cursor: the `next` of the previous page */
                    before?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of entries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditList"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One audit entry, with the patient input when it was kept
         * @description An admin reads any entry; any other role from screener up only the entries recorded with its own token. Another token's entry answers 404, as a missing one does, so ids do not tell whether they exist.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The entry */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditRecord"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The calling token (id, name, role) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The token */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Token"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** All tokens (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Tokens */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: components["schemas"]["Token"][];
                        };
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a token; its secret is in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewToken"];
                };
            };
            responses: {
                /** @description Created */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Token"] & {
                            /** @example eligo_… */
                            secret: string;
                        };
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a token */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A published trial's latest protocol text, for its public pre-screen (no token) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The published protocol */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublicTrial"];
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/trials/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Requests to be contacted about a trial, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The requests */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            contacts: components["schemas"]["Contact"][];
                        };
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or invalid bearer token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The token's role is too weak */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Ask the study team to get in touch (no token): contact details only, never screening answers */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ContactRequest"];
                };
            };
            responses: {
                /** @description Stored for the study team */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                        };
                    };
                };
                /** @description Invalid request; `issues` names the offending paths */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Body too large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Rate limited; retry after `Retry-After` seconds */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unavailable (disk full, I/O error, database unreachable): nothing was stored; retry after `Retry-After` seconds */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        CheckResult: {
            /** @description true when the text compiles without errors (warnings allowed) */
            ok: boolean;
            protocol: {
                id: string;
                title: string | null;
                hash: string;
            } | null;
            diagnostics: components["schemas"]["Diagnostic"][];
        };
        Diagnostic: {
            code: string;
            /** @enum {string} */
            severity: "error" | "warning" | "info";
            message: string;
            source: string;
            start?: {
                line: number;
                column: number;
            };
            end?: {
                line: number;
                column: number;
            };
            /** @description UTF-16 offsets into the text */
            span?: {
                start: number;
                end: number;
            };
            label?: string;
            hint?: string;
            related?: {
                message: string;
                span: {
                    start: number;
                    end: number;
                };
            }[];
        };
        Error: {
            error: {
                /** @example invalid_request */
                code: string;
                message: string;
                issues?: {
                    path: string;
                    message: string;
                }[];
                diagnostics?: {
                    [key: string]: unknown;
                }[];
            };
            requestId?: string;
        };
        CriteriaText: {
            /** @description Criteria in the Eligo language (.elig) */
            text: string;
            /**
             * @description File name diagnostics point into
             * @example NCT06469190.elig
             */
            name?: string;
        };
        ProtocolList: {
            protocols: {
                id: string;
                title: string | null;
                latest: {
                    version: number;
                    hash: string;
                    publishedAt: string;
                } | null;
                draftUpdatedAt: string | null;
            }[];
        };
        Draft: {
            id: string;
            name: string;
            text: string;
            updatedAt: string;
            diagnostics: components["schemas"]["Diagnostic"][];
        };
        PublishResult: components["schemas"]["VersionSummary"] & {
            /** @description false when identical text was already published */
            created: boolean;
            diagnostics: components["schemas"]["Diagnostic"][];
        };
        VersionSummary: {
            id: string;
            version: number;
            hash: string;
            title: string | null;
            publishedAt: string;
            publishedBy: string | null;
        };
        /** @description Text to publish; without it the current draft is published. */
        Publish: {
            /** @description Criteria in the Eligo language (.elig) */
            text?: string;
            /**
             * @description File name diagnostics point into
             * @example NCT06469190.elig
             */
            name?: string;
        };
        VersionList: {
            versions: components["schemas"]["VersionSummary"][];
        };
        ProtocolDetail: components["schemas"]["VersionSummary"] & {
            trialVersion: string | null;
            source: {
                name: string;
                text: string;
            };
            cohorts: {
                id: string;
                label?: string;
                criteria: components["schemas"]["Criterion"][];
            }[];
            /** @description Every criterion once, in protocol order */
            criteria: components["schemas"]["Criterion"][];
            elements: components["schemas"]["Element"][];
            /** @description The elements a person answers on the screening form */
            questions: components["schemas"]["Element"][];
            /** @description JSON Schema of `{asOf, facts, answers}` */
            inputSchema: {
                [key: string]: unknown;
            };
        };
        Criterion: {
            id: string;
            /** @enum {string} */
            kind: "inclusion" | "exclusion";
            title?: string;
            source?: string;
            /** @description Decided by its sub-criteria */
            heading: boolean;
            /** @description Data elements and questions it depends on */
            elements: string[];
        };
        Element: {
            id: string;
            label: string;
            /** @description The element put to the person it is about, in plain words, where the protocol gives it */
            lay?: string;
            /** @enum {string} */
            kind: "patient" | "lab" | "test" | "condition" | "medication" | "procedure" | "allergy" | "encounter" | "question" | "define";
            /** @enum {string} */
            patientField?: "birthDate" | "gender";
            unit?: string;
            molarMass?: number;
            values?: string[];
            /** @description Codes a coded result may carry, each with the value (a word, or a number for a lab) it reads as */
            valueCodes?: {
                value: string;
                system: string;
                code: string;
            }[];
            binding?: {
                any: boolean;
                include: {
                    system: string;
                    code: string;
                    /** @enum {string} */
                    match: "exact" | "prefix" | "range";
                    to?: string;
                }[];
                exclude: {
                    system: string;
                    code: string;
                    /** @enum {string} */
                    match: "exact" | "prefix" | "range";
                    to?: string;
                }[];
            };
            /** @description For a lab or test: the codes a result's method (Observation.method) must have; absent, any */
            method?: {
                any: boolean;
                include: {
                    system: string;
                    code: string;
                    /** @enum {string} */
                    match: "exact" | "prefix" | "range";
                    to?: string;
                }[];
                exclude: {
                    system: string;
                    code: string;
                    /** @enum {string} */
                    match: "exact" | "prefix" | "range";
                    to?: string;
                }[];
            };
            /** @description Encounter classes the element takes; absent, any */
            classes?: string[];
            /** @description Routes of administration a medication takes; absent, any */
            routes?: string[];
            /** @description What the reference range a lab reads its limits from must apply to; absent, any */
            rangeFor?: {
                except: boolean;
                codes: {
                    system: string;
                    code: string;
                    /** @enum {string} */
                    match: "exact" | "prefix" | "range";
                    to?: string;
                }[];
            };
            /** @description Body sites a procedure's records must have (or, with except, must not); absent, any */
            sites?: {
                except: boolean;
                codes: {
                    system: string;
                    code: string;
                    /** @enum {string} */
                    match: "exact" | "prefix" | "range";
                    to?: string;
                }[];
            };
            /** @description Conditions a medication's exposures must be given for; absent, any */
            reasons?: {
                except: boolean;
                codes: {
                    system: string;
                    code: string;
                    /** @enum {string} */
                    match: "exact" | "prefix" | "range";
                    to?: string;
                }[];
            };
            answer?: {
                /** @enum {string} */
                type: "boolean" | "count" | "score" | "number" | "date" | "code";
                min?: number;
                max?: number;
                unit?: string;
                values?: string[];
            };
            closedWorld: boolean;
            usedBy: string[];
        };
        CompactScreening: {
            protocol: {
                id: string;
                version?: string;
                hash: string;
                /** @description Published version screened against */
                published: number;
            };
            asOf: string;
            cohorts: {
                id: string;
                /** @enum {string} */
                verdict: "eligible" | "ineligible" | "undetermined";
                /** @description Each criterion's status by criterion id, headings included, in the cohort's order */
                criteria: {
                    [key: string]: "met" | "not_met" | "unknown";
                };
                /** @description For each unknown criterion that data would decide: the data elements that would */
                missing: {
                    [key: string]: string[];
                };
            }[];
            warnings: {
                code: string;
                message: string;
                path?: string;
                element?: string;
            }[];
            /** @description Audit record id */
            id: string;
            /** @description The request's `ref`, when it gave one */
            ref?: string;
        };
        Screening: {
            protocol: {
                id: string;
                version?: string;
                hash: string;
                /** @description Published version screened against */
                published: number;
            };
            asOf: string;
            cohorts: {
                id: string;
                label?: string;
                /** @enum {string} */
                verdict: "eligible" | "ineligible" | "undetermined";
                criteria: {
                    id: string;
                    /** @enum {string} */
                    kind: "inclusion" | "exclusion";
                    title?: string;
                    /** @description The protocol's verbatim sentence */
                    source?: string;
                    /** @enum {string} */
                    status: "met" | "not_met" | "unknown";
                    /** @description One line a person can read: what decided the status */
                    explanation: string;
                    /** @description The full reasoning as a tree of steps `{text, status, elements?, date?, children?}`; only when the request asks for it (`"trace": true`, or `?trace=true` for a batch) */
                    trace?: unknown;
                    /** @description When unknown: the data elements that would decide it */
                    missing: string[];
                }[];
                missing: string[];
                questions: {
                    id: string;
                    text: string;
                }[];
            }[];
            warnings: {
                code: string;
                message: string;
                path?: string;
                element?: string;
            }[];
            /** @description Audit record id */
            id: string;
            /** @description The request's `ref`, when it gave one */
            ref?: string;
            /** @description The request's `siteRef`, when it gave one */
            siteRef?: string;
        };
        ScreeningRequest: {
            /** @example 2025-03-15 */
            asOf: string;
            /** @description A FHIR R4 Bundle (or give `facts`) */
            bundle?: {
                [key: string]: unknown;
            };
            /** @description The protocol's native facts */
            facts?: {
                [key: string]: unknown;
            };
            answers?: {
                [key: string]: unknown;
            };
            /** @description Your own name for this input (stored only with the input, `store`), echoed in the answer; batch lines give it, or else the Bundle Patient's id, with the input's `line` */
            ref?: string;
            /**
             * @description The site's own pseudonymous reference for the person screened (such as `SCR-0042`), stored with the audit record; not a name
             * @example SCR-0042
             */
            siteRef?: string;
            /** @description Pin a published version */
            version?: number;
            /** @description Keep the patient input in the audit record */
            store?: boolean;
            /** @description Answer with the full screening: each criterion with its kind, title, source, one-line explanation and missing elements. Off by default: the answer is compact (`CompactScreening`). */
            full?: boolean;
            /** @description Answer with the full screening and each criterion's `trace` tree (every step of the reasoning, with dates and element ids). */
            trace?: boolean;
        };
        FeasibilityJob: {
            id: string;
            protocol: {
                id: string;
                version: number;
            };
            asOf: string;
            /** @enum {string} */
            state: "queued" | "running" | "done" | "failed" | "cancelled";
            /**
             * @description While running: `reading` the patients (counted as they are read on the in-process path), or `counting` them in SQL, a slice of patients at a time; null before and after
             * @enum {string|null}
             */
            stage: "reading" | "counting" | null;
            /** @description Patients (or upload lines) read so far; while counting, patients counted so far */
            done: number;
            /** @description Patients to read, once known */
            total: number | null;
            created: string;
            finished: string | null;
            result: {
                /**
                 * @description `sql` when every criterion compiled to SQL and DuckDB counted; `in-process` otherwise
                 * @enum {string}
                 */
                path: "sql" | "in-process";
                /** @description Criteria the SQL path could not compile, and why */
                notCompiled: {
                    criterion: string;
                    message: string;
                }[];
                patients: number;
                /** @description Documents that could not be read, left out of the counts */
                unread: number;
                /** @description The first 20 upload lines that could not be read, with the paths at fault */
                unreadLines: {
                    line: number;
                    paths: string[];
                }[];
                funnel: components["schemas"]["Funnel"];
            } | null;
            error: string | null;
        };
        Funnel: {
            cohorts: {
                id: string;
                label?: string;
                total: number;
                eligible: number;
                ineligible: number;
                undetermined: number;
                criteria: {
                    id: string;
                    /** @enum {string} */
                    kind: "inclusion" | "exclusion";
                    /** @description Patients this criterion decides against */
                    excludes: number;
                    /** @description Patients not excluded by it nor any before it */
                    remaining: number;
                    met: number;
                    not_met: number;
                    unknown: number;
                    /** @description Patients who would be eligible without this criterion (it does not pass, every other one does) */
                    gain: number;
                }[];
            }[];
        };
        FeasibilityRequest: {
            /**
             * @description The screening date every patient is counted on
             * @example 2025-06-01
             */
            asOf: string;
            source: {
                /** @description NDJSON: one screening document per line (`{"bundle": …}` or `{"facts": …}`); each line's `asOf` and `answers` are ignored */
                upload: string;
            } | {
                /** @description A FHIR bulk export folder in the server's `ELIGO_BULK_DIR`, by name */
                bulkExport: string;
            };
        };
        BulkExportList: {
            /** @description Whether this server reads bulk exports (`ELIGO_BULK_DIR` is set) */
            configured: boolean;
            exports: {
                /**
                 * @description What `source.bulkExport` of a feasibility run names
                 * @example site-a
                 */
                name: string;
                /** @description NDJSON files at the top of the folder */
                files: number;
                /** @description Their size together */
                bytes: number;
            }[];
        };
        TrialSettings: {
            /** @description Publishing needs an approval of the exact text by a reviewer other than its author */
            requireApproval: boolean;
        };
        Review: {
            id: string;
            hash: string;
            /** @enum {string} */
            of: "draft" | "version";
            requireApproval: boolean;
            comments: components["schemas"]["ReviewComment"][];
            approvals: components["schemas"]["Approval"][];
        };
        ReviewComment: {
            id: string;
            criterionId: string;
            text: string;
            by: {
                id: string;
                name: string;
                /** @enum {string} */
                role: "admin" | "author" | "reviewer" | "screener" | "viewer";
            };
            at: string;
        };
        Approval: {
            by: {
                id: string;
                name: string;
            };
            at: string;
        };
        NewReviewComment: {
            criterionId: string;
            text: string;
        };
        Impact: {
            population: {
                /** @description Recorded screenings of this protocol whose input was kept (`"store": true`): the population, newest first */
                kept: number;
            };
            /** @description Of those, screened in this page */
            screened: number;
            /** @description The screenings with at least one cohort whose verdict changes */
            changed: {
                /** @description The audit id of the recorded screening */
                screening: string;
                /** @description The site's own reference, when one was recorded */
                siteRef: string | null;
                /** @description When it was recorded */
                at: string;
                changes: {
                    cohort: string;
                    label: string | null;
                    /**
                     * @description null: the cohort is not in that version
                     * @enum {string|null}
                     */
                    before: "eligible" | "ineligible" | "undetermined" | null;
                    /** @enum {string|null} */
                    after: "eligible" | "ineligible" | "undetermined" | null;
                    /** @description Why: the criteria of the cohort whose status changed */
                    criteria: {
                        id: string;
                        /**
                         * @description null: not in the cohort in that version
                         * @enum {string|null}
                         */
                        before: "met" | "not_met" | "unknown" | null;
                        /** @enum {string|null} */
                        after: "met" | "not_met" | "unknown" | null;
                    }[];
                }[];
            }[];
            unchanged: number;
            /** @description Screenings one side cannot screen */
            unusable: {
                /** @description The audit id of the recorded screening */
                screening: string;
                /** @description The site's own reference, when one was recorded */
                siteRef: string | null;
                /** @description When it was recorded */
                at: string;
                /** @enum {string} */
                side: "from" | "to";
                /** @description Where the kept input does not fit that side */
                paths: string[];
            }[];
            /** @description Cursor of the next page; null on the last */
            next: string | null;
        };
        ImpactRequest: {
            /** @description The version the screenings are compared from; the latest published one by default */
            from?: {
                version: number;
            } | {
                text: string;
                /**
                 * @description File name diagnostics point into
                 * @example NCT06469190.elig
                 */
                name?: string;
            };
            /** @description The version or text they are compared with */
            to: {
                version: number;
            } | {
                text: string;
                /**
                 * @description File name diagnostics point into
                 * @example NCT06469190.elig
                 */
                name?: string;
            };
            /** @description Recorded screenings to screen in this page (50) */
            limit?: number;
            /** @description The `next` of the previous page */
            cursor?: string;
        };
        Matches: {
            /** @description Batch id of the audit records, one per trial screened */
            id: string;
            /** @description The request's `ref`, when it gave one */
            ref?: string;
            asOf: string;
            /** @description Every cohort of every published trial: eligible first, then undetermined with the fewest missing items first, then ineligible */
            matches: {
                protocol: {
                    id: string;
                    title?: string;
                    version?: string;
                };
                cohort: {
                    id: string;
                    label?: string;
                };
                /** @enum {string} */
                verdict: "eligible" | "ineligible" | "undetermined";
                /** @description When undetermined: the data elements and questions that would decide it */
                missing: {
                    id: string;
                    label: string;
                }[];
                /** @description When ineligible: the inclusions not met and the exclusions met */
                failed: {
                    id: string;
                    title?: string;
                    explanation: string;
                }[];
            }[];
            /** @description Trials whose schema refused the native facts given (a Bundle is read by every trial) */
            refused: {
                protocol: {
                    id: string;
                };
                errors: {
                    path: string;
                    message: string;
                }[];
            }[];
            warnings: {
                code: string;
                message: string;
                path?: string;
            }[];
        };
        MatchRequest: {
            /** @example 2025-03-15 */
            asOf: string;
            /** @description A FHIR R4 Bundle (or give `facts`) */
            bundle?: {
                [key: string]: unknown;
            };
            /** @description The protocol's native facts */
            facts?: {
                [key: string]: unknown;
            };
            answers?: {
                [key: string]: unknown;
            };
            /** @description Your own name for this input (stored only with the input, `store`), echoed in the answer; batch lines give it, or else the Bundle Patient's id, with the input's `line` */
            ref?: string;
            /** @description Answer with the full screening: each criterion with its kind, title, source, one-line explanation and missing elements. Off by default: the answer is compact (`CompactScreening`). */
            full?: boolean;
        };
        AuditList: {
            entries: components["schemas"]["AuditRecord"][];
            next: string | null;
        };
        AuditRecord: {
            id: string;
            at: string;
            token: {
                id: string;
                name: string;
            };
            protocol: {
                id: string;
                version: number;
            };
            asOf: string;
            verdicts: {
                [key: string]: "eligible" | "ineligible" | "undetermined";
            };
            batchId: string | null;
            /** @description The site's own reference for the person screened, when given */
            siteRef: string | null;
            input?: unknown;
        };
        Token: {
            id: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "author" | "reviewer" | "screener" | "viewer";
            createdAt: string;
            createdBy: string | null;
            revokedAt: string | null;
        };
        NewToken: {
            name: string;
            /** @enum {string} */
            role: "admin" | "author" | "reviewer" | "screener" | "viewer";
        };
        PublicTrial: {
            id: string;
            version: number;
            title: string | null;
            publishedAt: string;
            source: {
                name: string;
                text: string;
            };
        };
        ContactRequest: {
            name: string;
            /** Format: email */
            email?: string;
            phone?: string;
            /** @enum {boolean} */
            consent: true;
        };
        Contact: {
            id: string;
            protocolId: string;
            name: string;
            email: string | null;
            phone: string | null;
            consentedAt: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
