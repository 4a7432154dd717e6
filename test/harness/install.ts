import { PUBLIC_BASE_URL } from './boost.ts';
import type { AnyBoostHarness } from './databases.ts';
import { rows } from './driver.ts';
import type { Approval, WorkspaceSetup } from './fake-workspaces.ts';

// An admin installing Boost through "Add to Slack", step by step as a browser does it: Boost's install page (which
// sets the state cookie), Slack's authorize page (the fake approves or cancels at once and redirects), and back to
// Boost's redirect URL with `code` and `state`. Boost is reached on its real port where its public address is named.

export interface Page {
  status: number;
  html: string;
}

export interface InstallPage extends Page {
  /** The state cookie Boost set, as the browser sends it back (`name=value`). */
  cookie: string | undefined;
  /** The "Add to Slack" link, to Slack's authorize page. */
  addToSlack: string;
}

/** Boost's address for a path of its public one (PUBLIC_BASE_URL), as the reverse proxy in front of it would map it. */
export function onBoost(h: AnyBoostHarness, publicUrl: string): string {
  const url = new URL(publicUrl);
  if (url.origin !== PUBLIC_BASE_URL) throw new Error(`not an address of Boost: ${publicUrl}`);
  return `${h.sender.baseUrl}${url.pathname}${url.search}`;
}

export async function openInstallPage(h: AnyBoostHarness): Promise<InstallPage> {
  const response = await fetch(`${h.sender.baseUrl}/slack/install`);
  const html = await response.text();
  const href = /<a class="add" href="([^"]+)">Add to Slack<\/a>/.exec(html)?.[1] ?? '';
  return {
    status: response.status,
    html,
    cookie: response.headers.get('set-cookie')?.split(';')[0],
    addToSlack: href.replaceAll('&amp;', '&'),
  };
}

/** Slack's authorize page: whoever `approval` names approves (or cancels); resolves with where Slack sends them back. */
export async function decideInSlack(h: AnyBoostHarness, addToSlack: string, approval: Approval): Promise<string> {
  h.slack.workspaces.approveNext(approval);
  const response = await fetch(addToSlack, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`Slack's authorize page answered ${response.status}`);
  return location;
}

/** The browser follows Slack's redirect back to Boost, with the cookie it holds (if any). */
export async function returnToBoost(h: AnyBoostHarness, location: string, cookie?: string): Promise<Page> {
  const response = await fetch(onBoost(h, location), { headers: cookie ? { cookie } : {} });
  return { status: response.status, html: await response.text() };
}

/** The whole flow for a workspace (or an organisation, org-wide); resolves with the page Boost ends on. */
export async function installThroughSlack(h: AnyBoostHarness, approval: Exclude<Approval, 'cancel'>): Promise<Page> {
  const page = await openInstallPage(h);
  const location = await decideInSlack(h, page.addToSlack, approval);
  return returnToBoost(h, location, page.cookie);
}

/** A workspace on the fake Slack with its people and channel, installed through "Add to Slack". */
export async function installedWorkspace(
  h: AnyBoostHarness,
  setup: WorkspaceSetup & { installer: string },
): Promise<Page> {
  h.slack.workspaces.add({ ...setup, ids: [...(setup.ids ?? []), setup.installer] });
  return installThroughSlack(h, { teamId: setup.teamId, installer: setup.installer });
}

/** Every installations row as stored, raw: what a copy of the database would show. */
export function rawInstallations(h: AnyBoostHarness): Promise<Array<Record<string, unknown>>> {
  return rows(h, 'select * from installations');
}
