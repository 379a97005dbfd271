import { newId } from '../auth/tokens';
import type { Db } from './connect';

export interface NewContact {
  readonly protocolId: string;
  readonly name: string;
  readonly email: string | undefined;
  readonly phone: string | undefined;
}

export interface ContactRecord {
  readonly id: string;
  readonly protocolId: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly consentedAt: string;
}

/** Requests to be contacted about a trial, left on its public pre-screen page. */
export function contactStore(db: Db) {
  const k = db.kysely;
  return {
    async add(contact: NewContact): Promise<ContactRecord> {
      const row = {
        id: newId('con'),
        protocol_id: contact.protocolId,
        name: contact.name,
        email: contact.email ?? null,
        phone: contact.phone ?? null,
        consented_at: new Date().toISOString(),
      };
      await k.insertInto('trial_contacts').values(row).execute();
      return toRecord(row);
    },

    /** A trial's requests, newest first. */
    async list(protocolId: string, limit: number): Promise<ContactRecord[]> {
      const rows = await k
        .selectFrom('trial_contacts')
        .selectAll()
        .where('protocol_id', '=', protocolId)
        .orderBy('consented_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toRecord);
    },
  };
}

function toRecord(row: {
  id: string;
  protocol_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  consented_at: string;
}): ContactRecord {
  return {
    id: row.id,
    protocolId: row.protocol_id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    consentedAt: row.consented_at,
  };
}
