import { type CompiledProtocol, type CriterionInfo, inputJsonSchema } from '@eligo/core';
import type { z } from '@hono/zod-openapi';
import type { VersionRecord } from '../db/protocols';
import type { ProtocolDetailSchema } from '../http/schemas';

export function versionSummary(v: Omit<VersionRecord, 'text'>) {
  return {
    id: v.protocolId,
    version: v.number,
    hash: v.hash,
    title: v.title,
    publishedAt: v.publishedAt,
    publishedBy: v.publishedBy,
  };
}

/** A published version as readers need it: source, criteria, cohorts, questions and the input schema. */
export function protocolDetail(
  v: VersionRecord,
  protocol: CompiledProtocol,
): z.infer<typeof ProtocolDetailSchema> {
  const info = protocol.info;
  const criteria = new Map<string, CriterionInfo>();
  for (const cohort of info.cohorts)
    for (const c of cohort.criteria) if (!criteria.has(c.id)) criteria.set(c.id, c);
  return {
    ...versionSummary(v),
    trialVersion: info.version ?? null,
    source: { name: v.name, text: v.text },
    cohorts: info.cohorts.map((c) => ({ ...c, criteria: [...c.criteria] })),
    criteria: [...criteria.values()],
    elements: [...info.elements],
    questions: info.elements.filter((e) => e.kind === 'question'),
    inputSchema: inputJsonSchema(info) as Record<string, unknown>,
    // Core's info is deeply readonly; the response schema's arrays are not.
  } as z.infer<typeof ProtocolDetailSchema>;
}
