import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requireRole } from '../auth/middleware';
import { addressWindow } from '../http/address-window';
import { ApiError, notFound } from '../http/errors';
import { bearer, router } from '../http/router';
import { errorResponses, json, ProtocolIdParam } from '../http/schemas';

/**
 * The public side of a published trial: its protocol text for the pre-screen page, which screens
 * in the person's browser, and their request to be contacted. Nothing here takes screening answers.
 */

/** A contact request is a few short fields; anything larger is not one. */
export const CONTACT_BODY_LIMIT = 2048;
/** Contact requests per client address in `CONTACT_WINDOW_MS`. */
export const CONTACT_LIMIT = 5;
export const CONTACT_WINDOW_MS = 10 * 60_000;

const PublicTrialSchema = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string().nullable(),
    publishedAt: z.string(),
    source: z.object({ name: z.string(), text: z.string() }),
  })
  .openapi('PublicTrial');

// Strict: a key that is not a contact detail (screening answers above all) is refused, not dropped.
const ContactRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(254).optional(),
    phone: z
      .string()
      .regex(
        /^\+?[0-9][0-9 ()-]{4,28}[0-9]$/,
        'a phone number: digits, spaces, ( ) and -, an optional leading +',
      )
      .optional(),
    consent: z.literal(true, 'consent to be contacted by the study team is required'),
  })
  .refine((c) => c.email !== undefined || c.phone !== undefined, {
    path: ['email'],
    message: 'give an email address or a phone number',
  })
  .openapi('ContactRequest');

const ContactSchema = z
  .object({
    id: z.string(),
    protocolId: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    consentedAt: z.string(),
  })
  .openapi('Contact');

const ContactListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200).openapi({ example: 200 }),
});

const tooLarge = () =>
  new ApiError(413, 'payload_too_large', `A contact request is at most ${CONTACT_BODY_LIMIT} bytes`);

const published = createRoute({
  method: 'get',
  path: '/{id}',
  summary: "A published trial's latest protocol text, for its public pre-screen (no token)",
  tags: ['trials'],
  security: [],
  request: { params: ProtocolIdParam },
  responses: { 200: json(PublicTrialSchema, 'The published protocol'), ...errorResponses(400, 404, 429) },
});

const addContact = createRoute({
  method: 'post',
  path: '/{id}/contacts',
  summary: 'Ask the study team to get in touch (no token): contact details only, never screening answers',
  tags: ['trials'],
  security: [],
  middleware: [
    addressWindow({ max: CONTACT_LIMIT, windowMs: CONTACT_WINDOW_MS }),
    bodyLimit({
      maxSize: CONTACT_BODY_LIMIT,
      onError: () => {
        throw tooLarge();
      },
    }),
  ] as const,
  request: {
    params: ProtocolIdParam,
    body: { required: true, content: { 'application/json': { schema: ContactRequestSchema } } },
  },
  responses: {
    201: json(z.object({ id: z.string() }), 'Stored for the study team'),
    ...errorResponses(400, 404, 413, 429, 503),
  },
});

const listContacts = createRoute({
  method: 'get',
  path: '/{id}/contacts',
  summary: 'Requests to be contacted about a trial, newest first',
  tags: ['trials'],
  security: bearer,
  middleware: [requireRole('screener')] as const,
  request: { params: ProtocolIdParam, query: ContactListQuery },
  responses: {
    200: json(z.object({ contacts: z.array(ContactSchema) }), 'The requests'),
    ...errorResponses(400, 401, 403, 404),
  },
});

export const trialRoutes = router()
  .openapi(published, async (c) => {
    const { id } = c.req.valid('param');
    const version = await c.var.deps.store.protocols.version(id);
    if (!version) throw notFound(`Published trial '${id}'`);
    return c.json(
      {
        id,
        version: version.number,
        title: version.title,
        publishedAt: version.publishedAt,
        source: { name: version.name, text: version.text },
      },
      200,
    );
  })
  .openapi(addContact, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    if (!(await c.var.deps.store.protocols.versionKey(id))) throw notFound(`Published trial '${id}'`);
    const contact = await c.var.deps.store.contacts.add({
      protocolId: id,
      name: body.name,
      email: body.email,
      phone: body.phone,
    });
    return c.json({ id: contact.id }, 201);
  })
  .openapi(listContacts, async (c) => {
    const { id } = c.req.valid('param');
    const { limit } = c.req.valid('query');
    if (!(await c.var.deps.store.protocols.versionKey(id))) throw notFound(`Published trial '${id}'`);
    return c.json({ contacts: await c.var.deps.store.contacts.list(id, limit) }, 200);
  });
