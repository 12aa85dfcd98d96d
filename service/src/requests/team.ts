import type { Identity } from '../auth/identity.js';

/** Hub groups whose members triage dataset requests (LEAP_DATA_TEAM_GROUPS); admins always may. */
export const DEFAULT_DATA_TEAM_GROUPS: readonly string[] = ['data-team'];

/** Whether the caller sees every request and may change status (admins, data-team groups; local mode: the one user, an admin). */
export function isDataTeam(identity: Identity, groups: readonly string[]): boolean {
  return identity.admin || identity.groups.some((group) => groups.includes(group));
}
