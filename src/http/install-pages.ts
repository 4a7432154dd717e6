import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Installation, InstallURLOptions } from '@slack/bolt';
import { type Language, type MessageKey, t } from '../i18n/index.ts';
import { COMMAND } from '../slack/ids.ts';
import { pageLanguage } from './tracked-link.ts';

// The pages an admin sees while installing Boost through "Add to Slack": what Boost is and what it asks for, then
// either "installed, here is what to do next" or what went wrong. Plain HTML with no script, no external asset and
// nothing from the request echoed unescaped. They are written in the workspace's language (DEFAULT_LOCALE), or in
// the browser's where Slack's redirect brings it back.

/** Boost's bot scopes, each with the reason the install page gives; manifest.yml lists the same (a test checks). */
export const BOT_SCOPES: ReadonlyArray<{ scope: string; why: MessageKey }> = [
  { scope: 'commands', why: 'install.scope.commands' },
  { scope: 'chat:write', why: 'install.scope.chatWrite' },
  { scope: 'users:read', why: 'install.scope.usersRead' },
];

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}">
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

/** A catalog text as HTML, each of `codes` set in <code> where its placeholder is. */
function withCode(language: Language, key: MessageKey, codes: Record<string, string>): string {
  // Placeholders become markers that survive escaping, then the escaped code takes their place.
  const names = Object.keys(codes);
  const markers = Object.fromEntries(names.map((name, i) => [name, `\u0000${i}\u0000`]));
  let html = escapeHtml(t(language, key, markers));
  names.forEach((name, i) => {
    html = html.replace(`\u0000${i}\u0000`, `<code>${escapeHtml(codes[name] ?? '')}</code>`);
  });
  return html;
}

/** The install page: what Boost is, the scopes it asks for and why, and the button to Slack's authorize page. */
export function installPage(language: Language, addToSlackUrl: string): string {
  const say = (key: MessageKey) => escapeHtml(t(language, key, { command: COMMAND }));
  const scopes = BOT_SCOPES.map(({ scope, why }) => `<li><code>${escapeHtml(scope)}</code>: ${say(why)}</li>`);
  return page(
    language,
    t(language, 'install.title'),
    `<p>${say('install.intro')}</p>
<p>${say('install.scopes')}</p>
<ul>
${scopes.join('\n')}
</ul>
<p><a class="add" href="${escapeHtml(addToSlackUrl)}">${say('install.button')}</a></p>
<p>${say('install.grid')}</p>`,
  );
}

/** Installed: what to do next. */
export function installedPage(language: Language, workspace: string | undefined, orgWide: boolean): string {
  const say = (key: MessageKey) => escapeHtml(t(language, key));
  const done = workspace
    ? escapeHtml(t(language, 'installed.in', { workspace }))
    : escapeHtml(t(language, 'installed.done'));
  const org = orgWide ? `<p>${say('installed.orgWide')}</p>` : '';
  return page(
    language,
    t(language, 'installed.title'),
    `<p>${done}</p>
${org}
<p>${say('installed.next')}</p>
<ol>
<li>${withCode(language, 'installed.invite', { invite: '/invite @Boost' })}</li>
<li>${withCode(language, 'installed.ask', { command: COMMAND, help: `${COMMAND} help` })}</li>
</ol>
<p>${say('installed.close')}</p>`,
  );
}

/** Why an install did not happen, in words for the admin; nothing was stored. */
export function installFailedPage(language: Language, reason: InstallFailure, installPath: string): string {
  const again = `<p><a class="add" href="${escapeHtml(installPath)}">${escapeHtml(t(language, 'installFailed.again'))}</a></p>`;
  const texts: Record<InstallFailure, MessageKey> = {
    cancelled: 'installFailed.cancelled',
    expired: 'installFailed.expired',
    refused: 'installFailed.refused',
    failed: 'installFailed.failed',
  };
  return page(
    language,
    t(language, 'installFailed.title'),
    `<p>${escapeHtml(t(language, texts[reason]))}</p>\n${again}`,
  );
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

/**
 * Bolt's installerOptions for Boost's own pages: the install page (in the workspace's language: Bolt gives it no
 * request), and the ends of the OAuth flow (in the browser's, else the workspace's).
 */
export function installPages(installPath: string, workspaceLanguage: Language) {
  const languageOf = (req: IncomingMessage) => pageLanguage(req.headers['accept-language'], workspaceLanguage);
  return {
    renderHtmlForInstallPath: (url: string) => installPage(workspaceLanguage, url),
    callbackOptions: {
      success: (installation: Installation, _options: InstallURLOptions, req: IncomingMessage, res: ServerResponse) => {
        const orgWide = installation.isEnterpriseInstall === true;
        const name = orgWide ? installation.enterprise?.name : installation.team?.name;
        answer(res, 200, installedPage(languageOf(req), name, orgWide));
      },
      failure: (error: { code?: string }, _options: InstallURLOptions, req: IncomingMessage, res: ServerResponse) => {
        const reason = failureOf(error);
        answer(res, reason === 'failed' ? 500 : 400, installFailedPage(languageOf(req), reason, installPath));
      },
    },
  };
}
