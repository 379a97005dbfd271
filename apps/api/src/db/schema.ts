import type { Role } from '../auth/roles';

/**
 * The tables, as Kysely sees them. Times are ISO-8601 text and JSON is text, so the same
 * queries run unchanged on SQLite and PostgreSQL.
 */
export interface Database {
  api_tokens: TokenTable;
  protocols: ProtocolTable;
  protocol_versions: VersionTable;
  screenings: ScreeningTable;
  storage_probe: StorageProbeTable;
  trial_contacts: TrialContactTable;
  review_comments: ReviewCommentTable;
  review_approvals: ReviewApprovalTable;
}

/** One row the readiness check rewrites to find out whether storage takes writes again. */
export interface StorageProbeTable {
  id: string;
  at: string;
}

export interface TokenTable {
  id: string;
  name: string;
  role: Role;
  /** sha256 of the secret, hex; the secret itself is never stored. */
  hash: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
}

export interface ProtocolTable {
  id: string;
  created_at: string;
  draft_name: string | null;
  draft_text: string | null;
  draft_updated_at: string | null;
  /** The draft's content hash (as a published version's) and the token that saved it. */
  draft_hash?: string | null;
  draft_by?: string | null;
  /** 1: publishing needs an approval of the text by a reviewer other than its author. */
  require_approval?: number;
}

export interface VersionTable {
  protocol_id: string;
  number: number;
  hash: string;
  title: string | null;
  name: string;
  text: string;
  published_at: string;
  published_by: string | null;
}

export interface ScreeningTable {
  id: string;
  at: string;
  token_id: string;
  token_name: string;
  protocol_id: string;
  version: number;
  as_of: string;
  /** JSON: `{ [cohortId]: verdict }`. */
  verdicts: string;
  /** JSON of the patient input, only when the request asked for it to be kept. */
  input: string | null;
  batch_id: string | null;
  /** The site's own pseudonymous reference for the person screened; absent is null. */
  site_ref?: string | null;
}

/**
 * A prospective participant's request to be contacted about a trial, from its public pre-screen.
 * Contact details only: never the answers they gave, which stay in their browser.
 */
export interface TrialContactTable {
  id: string;
  protocol_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  /** When they ticked their consent to be contacted (the moment the request was received). */
  consented_at: string;
}

/** A reviewer's or author's note on one criterion of one text (a draft or version, by content hash). */
export interface ReviewCommentTable {
  id: string;
  protocol_id: string;
  hash: string;
  criterion_id: string;
  text: string;
  token_id: string;
  token_name: string;
  role: Role;
  created_at: string;
}

/** A reviewer's sign-off of one text of a protocol, by content hash. */
export interface ReviewApprovalTable {
  protocol_id: string;
  hash: string;
  token_id: string;
  token_name: string;
  approved_at: string;
}
