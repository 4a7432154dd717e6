import { describe, expect, it } from 'vitest';
import { isPreviewBot } from '../../src/domain/preview-bots.ts';

// User-Agent strings as these fetchers and browsers send them (from their documentation and server logs).
const BOTS: Record<string, string> = {
  'Slack unfurling': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  Slackbot: 'Slackbot 1.0 (+https://api.slack.com/robots)',
  'Slack image proxy': 'Slack-ImgProxy (+https://api.slack.com/robots)',
  'X / Twitter': 'Twitterbot/1.0',
  LinkedIn: 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  Facebook: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'iMessage previews':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_1) AppleWebKit/601.2.4 (KHTML, like Gecko) Version/9.0.1 Safari/601.2.4 facebookexternalhit/1.1 Facebot Twitterbot/1.0',
  Discord: 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  Telegram: 'TelegramBot (like TwitterBot)',
  WhatsApp: 'WhatsApp/2.23.20.0 A',
  Applebot:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)',
  Googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Googlebot smartphone':
    'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.118 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  Bingbot: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mastodon (http.rb first)': 'http.rb/5.1.1 (Mastodon/4.2.1; +https://mastodon.social/)',
  'Mastodon (Mastodon first)': 'Mastodon/4.3.0 (http.rb/5.2.0; +https://hachyderm.io/) Bot',
  Bluesky: 'Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)',
  'Microsoft Teams':
    'Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com',
  Pinterest: 'Pinterest/0.2 (+https://www.pinterest.com/bot.html)',
  Reddit: 'Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)',
  Embedly: 'Mozilla/5.0 (compatible; Embedly/0.2; +http://support.embed.ly/)',
  Iframely: 'Iframely/1.3.1 (+https://iframely.com/docs/about)',
  'Quora previews': 'Quora Link Preview/1.0 (http://www.quora.com)',
  Headless:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/124.0.0.0 Safari/537.36',
  'Python script': 'python-requests/2.31.0',
  'No User-Agent': '',
};

const PEOPLE: Record<string, string> = {
  'Chrome on Windows':
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Safari on iPhone':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Firefox on Linux': 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Edge on macOS':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  'LinkedIn app browser':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [LinkedInApp]/9.29.8962',
  'Facebook app browser':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/460.0.0.38.109;FBBV/588888888;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.4;FBSS/3;FBID/phone;FBLC/en_US;FBOP/5]',
  'X app browser':
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Twitter for iPhone/10.40',
  'Android phone with a bot-like brand':
    'Mozilla/5.0 (Linux; Android 10; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Slack desktop app':
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Slack/4.38.125 Chrome/124.0.6367.243 Electron/30.0.6 Safari/537.36 Sonic Slack_SSB/4.38.125',
};

describe('isPreviewBot', () => {
  for (const [name, userAgent] of Object.entries(BOTS)) {
    it(`does not count a visit from ${name}`, () => {
      expect(isPreviewBot(userAgent)).toBe(true);
    });
  }

  for (const [name, userAgent] of Object.entries(PEOPLE)) {
    it(`counts a click from ${name}`, () => {
      expect(isPreviewBot(userAgent)).toBe(false);
    });
  }

  it('treats a missing User-Agent as a bot, since every browser sends one', () => {
    expect(isPreviewBot(undefined)).toBe(true);
  });

  it('matches names whatever their case', () => {
    expect(isPreviewBot('SLACKBOT-LINKEXPANDING 1.0')).toBe(true);
    expect(isPreviewBot('twitterbot/1.0')).toBe(true);
  });
});
