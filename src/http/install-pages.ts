import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Installation, InstallURLOptions } from '@slack/bolt';
import { COMMAND } from '../slack/ids.ts';

// The pages an admin sees while installing Boost through "Add to Slack": what Boost is and what it asks for, then
// either "installed, here is what to do next" or what went wrong. Plain HTML with no script, no external asset and
// nothing from the request echoed unescaped.

/** Boost's bot scopes, each with the reason the install page gives; manifest.yml lists the same (a test checks). */
export const BOT_SCOPES: ReadonlyArray<{ scope: string; why: string }> = [
  { scope: 'commands', why: `the ${COMMAND} command and the two shortcuts that start a request` },
  {
    scope: 'chat:write',
    why: 'post and update requests in channels you invite Boost to, reply privately to whoever clicked, and send the digests and reminders people asked for',
  },
  {
    scope: 'users:read',
    why: "each person's time zone (digests at their local morning) and whether they are an admin",
  },
];

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 38rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #1d1c1d; }
a.add { display: inline-block; padding: .6rem 1.2rem; border-radius: .4rem; background: #4a154b; color: #fff; text-decoration: none; font-weight: 600; }
code { background: #f4f4f4; padding: 0 .2rem; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
}

/** The install page: what Boost is, the scopes it asks for and why, and the button to Slack's authorize page. */
export function installPage(addToSlackUrl: string): string {
  const scopes = BOT_SCOPES.map(({ scope, why }) => `<li><code>${escapeHtml(scope)}</code>: ${escapeHtml(why)}</li>`);
  return page(
    'Add Boost to Slack',
    `<p>Boost turns "could everyone please share this?" into an opt-in request. Colleagues who want to help click
"I'm in", share it on their own accounts in their own words, and get thanked. Boost never messages anyone who has not
acted first, never names or counts people who did not take part, and never posts on anyone's behalf.</p>
<p>It asks Slack for these permissions, and no others:</p>
<ul>
${scopes.join('\n')}
</ul>
<p><a class="add" href="${escapeHtml(addToSlackUrl)}">Add to Slack</a></p>
<p>An admin of an Enterprise Grid organisation can install Boost once for the whole organisation from the same button.</p>`,
  );
}

/** Installed: what to do next. */
export function installedPage(workspace: string | undefined, orgWide: boolean): string {
  const where = workspace ? ` in ${escapeHtml(workspace)}` : '';
  const org = orgWide
    ? '<p>It is installed for your whole organisation: an admin enables it for each workspace that should have it.</p>'
    : '';
  return page(
    'Boost is installed',
    `<p>Boost is now installed${where}.</p>
${org}
<p>What to do next:</p>
<ol>
<li>Invite Boost to a channel where people ask for help: <code>/invite @Boost</code>.</li>
<li>Type <code>${COMMAND}</code> there to ask for your first boost, or <code>${COMMAND} help</code> to see what it does.</li>
</ol>
<p>You can close this page.</p>`,
  );
}

/** Why an install did not happen, in words for the admin; nothing was stored. */
export function installFailedPage(reason: InstallFailure, installPath: string): string {
  const again = `<p><a class="add" href="${escapeHtml(installPath)}">Start again</a></p>`;
  const texts: Record<InstallFailure, string> = {
    cancelled: 'You cancelled the install in Slack, so Boost was not installed. Nothing was stored.',
    expired:
      'This install link has expired, was already used, or was started in another browser, so Boost was not installed. Nothing was stored.',
    refused:
      'Slack did not confirm the install (the approval may have expired or been used already), so Boost was not installed. Nothing was stored.',
    failed: 'Something went wrong while installing Boost, so it was not installed. Nothing was stored.',
  };
  return page('Boost was not installed', `<p>${texts[reason]}</p>\n${again}`);
}

export type InstallFailure = 'cancelled' | 'expired' | 'refused' | 'failed';

/** @slack/oauth's error codes (and Slack's, for the code exchange) in the words of the failure page. */
export function failureOf(error: { code?: string; message?: string; data?: { error?: string } }): InstallFailure {
  switch (error.code) {
    case 'slack_oauth_installer_authorization_error':
      return 'cancelled';
    case 'slack_oauth_invalid_state':
    case 'slack_oauth_missing_state':
      return 'expired';
    case 'slack_oauth_missing_code':
    case 'slack_webapi_platform_error':
      return 'refused';
    default:
      return 'failed';
  }
}

function answer(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

/** Bolt's installerOptions for Boost's own pages: the install page, and the ends of the OAuth flow. */
export function installPages(installPath: string) {
  return {
    renderHtmlForInstallPath: (url: string) => installPage(url),
    callbackOptions: {
      success: (
        installation: Installation,
        _options: InstallURLOptions,
        _req: IncomingMessage,
        res: ServerResponse,
      ) => {
        const orgWide = installation.isEnterpriseInstall === true;
        answer(res, 200, installedPage(orgWide ? installation.enterprise?.name : installation.team?.name, orgWide));
      },
      failure: (error: { code?: string }, _options: InstallURLOptions, _req: IncomingMessage, res: ServerResponse) => {
        const reason = failureOf(error);
        answer(res, reason === 'failed' ? 500 : 400, installFailedPage(reason, installPath));
      },
    },
  };
}
