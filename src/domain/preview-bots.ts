// Posting a link makes the network (and every chat app it is pasted into) fetch it to draw a preview card. Those fetches
// are not people; counting them would make a link look clicked the moment it is posted. They are still redirected, so
// the card shows the real page.

/**
 * Named fetchers of link previews and well-known crawlers, matched anywhere in the User-Agent, case-insensitively. Names
 * are the fetchers' own ("LinkedInBot", "Pinterestbot"), never an app's: people who open a link inside the LinkedIn,
 * Facebook, X or Pinterest app browse with "LinkedInApp", "FBAN", "Twitter for iPhone", "Pinterest for iOS", and count.
 */
const NAMED = [
  // Chat apps
  'slackbot', // Slackbot-LinkExpanding 1.0, Slackbot 1.0, Slack-ImgProxy
  'slack-imgproxy',
  'discordbot',
  'telegrambot',
  'whatsapp',
  'skypeuripreview', // Microsoft Teams and Skype
  'microsoftpreview',
  'mattermost-bot',
  'snap url preview',
  'line-poker',
  'google-pagerenderer',
  'googleother',
  // Social networks
  'twitterbot',
  'linkedinbot',
  'facebookexternalhit',
  'facebookcatalog',
  'facebot',
  'meta-externalagent',
  'meta-externalfetcher',
  'pinterestbot',
  'redditbot',
  'vkshare',
  'w3c_validator',
  'quora link preview',
  'cardyb', // Bluesky's card fetcher: "Bluesky Cardyb/1.1"
  'mastodon', // "http.rb/5.1.1 (Mastodon/4.2.0; +https://example.social/)"
  'http\\.rb',
  'pleroma',
  'akkoma',
  'misskey',
  'gotosocial',
  'friendica',
  'iframely',
  'embedly',
  'nuzzel',
  'bitlybot',
  'outbrain',
  'flipboardproxy',
  // Search engines and other crawlers
  'applebot',
  'googlebot',
  'google-inspectiontool',
  'storebot-google',
  'adsbot-google',
  'mediapartners-google',
  'feedfetcher-google',
  'bingbot',
  'bingpreview',
  'msnbot',
  'adidxbot',
  'duckduckbot',
  'duckassistbot',
  'yandexbot',
  'yandeximages',
  'baiduspider',
  'sogou',
  'petalbot',
  'seznambot',
  'slurp', // Yahoo
  'ahrefsbot',
  'semrushbot',
  'mj12bot',
  'dotbot',
  'ccbot',
  'gptbot',
  'chatgpt-user',
  'oai-searchbot',
  'claudebot',
  'perplexitybot',
  'bytespider',
  'amazonbot',
  'ia_archiver',
  'archive\\.org_bot',
];

/**
 * Generic marks of automated clients: a "+http(s)://…" or "+mailto:" contact in the User-Agent (the crawler convention
 * browsers never follow), "compatible; SomethingBot", words like crawler and spider, headless browsers, and HTTP
 * libraries that people do not click with.
 */
const GENERIC = [
  '\\+https?:',
  '\\+mailto:',
  // One bounded run after the semicolon: `\s*[\w .-]*` (two unbounded runs that both take spaces) was quadratic.
  'compatible;[\\w\\s.-]{0,40}bot\\b',
  'crawler',
  'spider',
  'headlesschrome',
  'link ?preview',
  'preview ?bot',
  'unfurl',
  '^python-',
  '^go-http-client',
  '^java/',
  '^okhttp',
  '^axios/',
  '^node-fetch',
  '^wget',
  '^libwww-perl',
];

// Every alternative is a literal or a single bounded run, so a search costs time linear in the text it reads.
const PREVIEW_BOT = new RegExp(`${NAMED.join('|')}|${GENERIC.join('|')}`, 'i');

/**
 * How much of a User-Agent is read. Browsers and fetchers send a few hundred characters at most and name themselves
 * early; anyone may send up to the server's header limit (16 KB), and nobody needs more than this read.
 */
export const USER_AGENT_READ_LIMIT = 1024;

/**
 * True for link-preview fetchers and crawlers, whose visits are redirected but not counted. A request without a
 * User-Agent is treated the same way: every browser sends one.
 */
export function isPreviewBot(userAgent: string | undefined): boolean {
  if (!userAgent) return true;
  return PREVIEW_BOT.test(userAgent.slice(0, USER_AGENT_READ_LIMIT));
}
