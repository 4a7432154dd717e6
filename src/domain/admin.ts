import type { BoostRequest } from './types.ts';

// Who may act for a request and see its helpers by name (rule 3). The rule lives here only; callers pass what they
// know (the BOOST_ADMINS list, the cached or fresh profile) and never restate it.

/**
 * A Boost admin may close any request and see any request's report and the workspace figures: someone listed in
 * BOOST_ADMINS, or a Slack workspace admin or owner (as users.info last said, cached in the person's profile).
 */
export function isBoostAdmin(
  userId: string,
  listedAdmins: ReadonlySet<string>,
  profile: { isAdmin: boolean } | undefined,
): boolean {
  return isListedAdmin(userId, listedAdmins) || profile?.isAdmin === true;
}

/** Listed in BOOST_ADMINS: an admin whatever Slack says, so Slack need not be asked. */
export function isListedAdmin(userId: string, listedAdmins: ReadonlySet<string>): boolean {
  return listedAdmins.has(userId);
}

/** The person who asked, or a Boost admin: who may close a request and see its report. */
export function isRequesterOrAdmin(
  userId: string,
  request: Pick<BoostRequest, 'requesterId'>,
  isAdmin: boolean,
): boolean {
  return userId === request.requesterId || isAdmin;
}
