/** Each role can do everything the roles after it can: admins manage tokens and read the audit log,
 * authors publish protocols, screeners screen patients, viewers read protocols. */
export const ROLES = ['admin', 'author', 'screener', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const rank: Record<Role, number> = { admin: 3, author: 2, screener: 1, viewer: 0 };

export function allows(held: Role, needed: Role): boolean {
  return rank[held] >= rank[needed];
}
