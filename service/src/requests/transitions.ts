import type { RequestStatus } from '../api/requests-schemas.js';

/** The status a request may move to from each status: new → accepted → ingesting → done, or declined on the way. */
export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  new: ['accepted', 'declined'],
  accepted: ['ingesting', 'declined'],
  ingesting: ['done', 'declined'],
  done: [],
  declined: []
};

export function canMove(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Why `from → to` is not allowed, in words. */
export function transitionProblem(from: RequestStatus, to: RequestStatus): string {
  const allowed = TRANSITIONS[from];
  return allowed.length === 0
    ? `The request is ${from}: its status can no longer change`
    : `A ${from} request can become ${allowed.join(' or ')}, not ${to}`;
}
