/** Each role can do everything the roles after it can: admins manage tokens and read the audit log,
 * authors write and publish protocols, reviewers comment on and approve a protocol's text before it
 * is published (a trial can require that), screeners screen patients, viewers read protocols. */
export const ROLES = ['admin', 'author', 'reviewer', 'screener', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { admin: 4, author: 3, reviewer: 2, screener: 1, viewer: 0 };

export function allows(held: Role, needed: Role): boolean {
  return rank[held] >= rank[needed];
}
