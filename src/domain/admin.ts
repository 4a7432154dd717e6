/**
 * A Boost admin may close any request and see workspace figures: someone listed in BOOST_ADMINS, or a Slack workspace
 * admin or owner (as users.info last said, cached in the person's profile).
 */
export function isBoostAdmin(
  userId: string,
  configuredAdmins: ReadonlySet<string>,
  profile: { isAdmin: boolean } | undefined,
): boolean {
  return configuredAdmins.has(userId) || profile?.isAdmin === true;
}
