// From the identity provider's groups to the console's roles (AUTH_OPERATOR_GROUPS,
// AUTH_VIEWER_GROUPS). A user in neither is signed in but may do nothing.
import type { RoleMapping } from '../config/parse';

export function rolesForGroups(groups: readonly string[], mapping: RoleMapping): string[] {
  const roles: string[] = [];
  if (groups.some((group) => mapping.operatorGroups.includes(group))) roles.push('operator');
  if (groups.some((group) => mapping.viewerGroups.includes(group))) roles.push('viewer');
  return roles;
}

/**
 * The groups in a claim set: `claim` is looked up as a key first (namespaced claims such as
 * `https://example.com/groups` contain dots), then as a dotted path (`realm_access.roles`). An
 * array of strings or one comma-separated string.
 */
export function groupsFromClaims(claims: Record<string, unknown>, claim: string): string[] {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes('.')) {
    value = claim.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), claims);
  }
  if (typeof value === 'string') value = value.split(',');
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
}
