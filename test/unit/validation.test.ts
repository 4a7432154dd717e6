import { describe, expect, it } from 'vitest';
import {
  asksForVotes,
  LIMITS,
  type RequestDraft,
  VOTE_RING_MESSAGE,
  validateRequestDraft,
} from '../../src/domain/validation.ts';
import { say } from '../../src/i18n/index.ts';

// Monday 15 June 2026, noon UTC.
const NOW = Date.UTC(2026, 5, 15, 12, 0);
const UTC = { now: NOW, tzOffsetSeconds: 0 };
const HOURS = 3600;

function draft(overrides: Partial<RequestDraft> = {}): RequestDraft {
  return {
    url: 'https://blog.example.com/launch',
    title: 'Our launch post',
    ask: 'Share it with people who build Slack apps',
    suggestedText: 'We just shipped Boost!',
    networks: ['linkedin', 'bluesky'],
    deadline: '2026-06-20',
    channelId: 'C0123ABC',
    ...overrides,
  };
}

/** The field errors as an English reader sees them. */
function errorsOf(overrides: Partial<RequestDraft>, context = UTC): Partial<Record<keyof RequestDraft, string>> {
  const result = validateRequestDraft(draft(overrides), context);
  if (result.ok) return {};
  return Object.fromEntries(Object.entries(result.errors).map(([field, message]) => [field, say('en', message)]));
}

const VOTE_RING_TEXT = say('en', VOTE_RING_MESSAGE);

function validated(overrides: Partial<RequestDraft>, context = UTC) {
  const result = validateRequestDraft(draft(overrides), context);
  if (!result.ok) throw new Error(`expected a valid draft, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe('validateRequestDraft', () => {
  it('accepts a complete request', () => {
    expect(validated({})).toEqual({
      url: 'https://blog.example.com/launch',
      title: 'Our launch post',
      ask: 'Share it with people who build Slack apps',
      suggestedText: 'We just shipped Boost!',
      networks: ['linkedin', 'bluesky'],
      deadlineAt: Date.UTC(2026, 5, 20, 23, 59, 59, 999),
      channelId: 'C0123ABC',
    });
  });

  it('trims what people typed and turns empty optional fields into null', () => {
    const value = validated({ url: '  https://example.com/x  ', title: '   ', ask: '\n Help \n', suggestedText: '' });
    expect(value).toMatchObject({ url: 'https://example.com/x', title: null, ask: 'Help', suggestedText: null });
  });

  it('reports every problem at once, each on its own field', () => {
    const errors = errorsOf({ url: '', ask: ' ', networks: [], channelId: '', deadline: 'soon' });
    expect(Object.keys(errors).sort()).toEqual(['ask', 'channelId', 'deadline', 'networks', 'url']);
  });

  it('keeps every message short enough for a modal field error', () => {
    const drafts: Partial<RequestDraft>[] = [
      { url: '' },
      { url: 'nope' },
      { url: 'javascript:alert(1)' },
      { url: `${'x'.repeat(100)}:stuff` },
      { url: 'https://a:b@example.com' },
      { url: 'http://localhost' },
      { url: `https://example.com/${'a'.repeat(5000)}` },
      { title: 't'.repeat(5000), ask: '', suggestedText: 's'.repeat(5000) },
      { networks: ['myspace'], channelId: 'D123', deadline: '2020-01-01' },
      { deadline: '2030-01-01' },
      { deadline: '2026-02-30' },
      { url: 'https://stackoverflow.com/q/1', ask: 'upvote pls' },
    ];
    for (const overrides of drafts) {
      for (const message of Object.values(errorsOf(overrides))) {
        expect(message.length).toBeLessThanOrEqual(150);
        expect(message).toMatch(/^[A-Z].*\.$/);
      }
    }
  });

  describe('link', () => {
    it('is required', () => {
      expect(errorsOf({ url: '' }).url).toBeDefined();
      expect(errorsOf({ url: '   ' }).url).toBeDefined();
    });

    it.each(['not a link', 'example.com/post', 'https://', 'http://exa mple.com'])(
      'rejects %j, which is no web address',
      (url) => {
        expect(errorsOf({ url }).url).toMatch(/https:\/\//);
      },
    );

    it.each([
      ['javascript:alert(document.cookie)', 'javascript:'],
      ['JavaScript:alert(1)', 'javascript:'],
      ['data:text/html,<script>alert(1)</script>', 'data:'],
      ['file:///etc/passwd', 'file:'],
      ['ftp://files.example.com/a.zip', 'ftp:'],
    ])('rejects %s and names the scheme', (url, scheme) => {
      const error = errorsOf({ url }).url;
      expect(error).toContain(scheme);
      expect(error).toMatch(/http/);
    });

    it.each(['https://user:secret@example.com/', 'https://user@example.com/', 'https://:pw@example.com/'])(
      'rejects credentials in %s',
      (url) => {
        expect(errorsOf({ url }).url).toMatch(/password/);
      },
    );

    it.each([
      'http://localhost:3000/',
      'http://LOCALHOST/',
      'http://app.localhost/',
      'http://intranet/',
      'http://[::1]/',
    ])('rejects %s, which is not a public address', (url) => {
      expect(errorsOf({ url }).url).toMatch(/public address/);
    });

    it('accepts an internationalised domain and stores its ASCII form', () => {
      expect(validated({ url: 'https://bücher.example/straße' }).url).toBe('https://xn--bcher-kva.example/stra%C3%9Fe');
    });

    it('accepts ports, queries, fragments and an upper-case scheme', () => {
      expect(validated({ url: 'https://example.com:8443/a?b=1&c=2#d' }).url).toBe(
        'https://example.com:8443/a?b=1&c=2#d',
      );
      expect(validated({ url: 'HTTP://Example.COM/Path' }).url).toBe('http://example.com/Path');
    });

    it('accepts a link at the limit and says how much to cut from a longer one', () => {
      const base = 'https://example.com/';
      expect(validated({ url: base + 'a'.repeat(LIMITS.url - base.length) }).url).toHaveLength(LIMITS.url);
      const error = errorsOf({ url: base + 'a'.repeat(LIMITS.url - base.length + 37) }).url;
      expect(error).toContain('2,000');
      expect(error).toContain('37 characters');
    });

    it('counts characters a link gains when encoded', () => {
      const base = 'https://example.com/';
      const error = errorsOf({ url: base + 'é'.repeat(LIMITS.url - base.length) }).url;
      expect(error).toContain('2,000');
    });
  });

  describe('text fields', () => {
    it('requires the ask', () => {
      expect(errorsOf({ ask: '' }).ask).toBeDefined();
      expect(errorsOf({ ask: ' \n\t ' }).ask).toBeDefined();
    });

    it('accepts a title at the limit, counting an emoji as one character', () => {
      expect(validated({ title: '🚀'.repeat(LIMITS.title) }).title).toHaveLength(LIMITS.title * 2);
    });

    it.each([
      ['title', LIMITS.title, '150'],
      ['ask', LIMITS.ask, '1,000'],
      ['suggestedText', LIMITS.suggestedText, '1,000'],
    ] as const)('says the %s limit and how much to cut', (field, limit, shown) => {
      expect(errorsOf({ [field]: 'x'.repeat(limit + 1) })[field]).toMatch(new RegExp(`${shown}.*cut 1 character\\.`));
      expect(errorsOf({ [field]: 'x'.repeat(limit + 12) })[field]).toMatch(/cut 12 characters\./);
    });

    it('keeps hostile text as typed, since escaping happens when it is shown', () => {
      expect(validated({ ask: '<!channel> please share' }).ask).toBe('<!channel> please share');
    });
  });

  describe('networks', () => {
    it('keeps known networks once each, in the usual order', () => {
      expect(validated({ networks: ['threads', 'myspace', 'x', 'linkedin', 'x'] }).networks).toEqual([
        'linkedin',
        'x',
        'threads',
      ]);
    });

    it('requires at least one known network', () => {
      expect(errorsOf({ networks: [] }).networks).toBeDefined();
      expect(errorsOf({ networks: ['myspace', 'LinkedIn'] }).networks).toBeDefined();
    });
  });

  describe('channel', () => {
    it('accepts public and private channels', () => {
      expect(validated({ channelId: 'C012AB3CD' }).channelId).toBe('C012AB3CD');
      expect(validated({ channelId: 'G012AB3CD' }).channelId).toBe('G012AB3CD');
    });

    it.each([undefined, '', 'D012AB3CD', 'U012AB3CD', 'general'])('rejects %j', (channelId) => {
      expect(errorsOf({ channelId }).channelId).toBeDefined();
    });
  });

  describe('deadline', () => {
    it('defaults to the end of the day a week from today', () => {
      expect(validated({ deadline: undefined }).deadlineAt).toBe(Date.UTC(2026, 5, 22, 23, 59, 59, 999));
      expect(validated({ deadline: '' }).deadlineAt).toBe(Date.UTC(2026, 5, 22, 23, 59, 59, 999));
    });

    it('defaults from the requester’s own today', () => {
      const kiribati = { now: NOW, tzOffsetSeconds: 14 * HOURS };
      expect(validated({ deadline: undefined }, kiribati).deadlineAt).toBe(Date.UTC(2026, 5, 23, 9, 59, 59, 999));
    });

    it('allows today and rejects yesterday, 14 hours east of UTC', () => {
      const kiribati = { now: NOW, tzOffsetSeconds: 14 * HOURS };
      expect(validated({ deadline: '2026-06-16' }, kiribati).deadlineAt).toBe(Date.UTC(2026, 5, 16, 9, 59, 59, 999));
      expect(errorsOf({ deadline: '2026-06-15' }, kiribati).deadline).toMatch(/^The deadline is in the past/);
    });

    it('allows today and rejects yesterday, 12 hours west of UTC', () => {
      const bakerIsland = { now: NOW, tzOffsetSeconds: -12 * HOURS };
      expect(validated({ deadline: '2026-06-15' }, bakerIsland).deadlineAt).toBe(
        Date.UTC(2026, 5, 16, 11, 59, 59, 999),
      );
      expect(errorsOf({ deadline: '2026-06-14' }, bakerIsland).deadline).toMatch(/^The deadline is in the past/);
    });

    it('allows today even in its last millisecond', () => {
      const lastMoment = { now: Date.UTC(2026, 5, 15, 23, 59, 59, 999), tzOffsetSeconds: 0 };
      expect(validated({ deadline: '2026-06-15' }, lastMoment).deadlineAt).toBe(lastMoment.now);
    });

    it('allows up to a year ahead and no further', () => {
      expect(validated({ deadline: '2027-06-15' }).deadlineAt).toBe(Date.UTC(2027, 5, 15, 23, 59, 59, 999));
      expect(errorsOf({ deadline: '2027-06-16' }).deadline).toMatch(/year/);
    });

    it.each(['2026-02-30', '2026-13-01', 'next friday', '15/06/2026'])('rejects the malformed date %j', (deadline) => {
      expect(errorsOf({ deadline }).deadline).toBeDefined();
    });
  });

  describe('vote rings', () => {
    it('puts the warning on the ask when the ask wants votes', () => {
      const errors = errorsOf({ url: 'https://stackoverflow.com/questions/1', ask: 'Please upvote my question' });
      expect(errors.ask).toBe(VOTE_RING_TEXT);
      expect(errors.suggestedText).toBeUndefined();
    });

    it('puts the warning on the suggested wording when only it wants votes', () => {
      const errors = errorsOf({
        url: 'https://www.reddit.com/r/typescript/comments/abc',
        ask: 'Have a look and comment if you have ideas',
        suggestedText: 'Give it an upvote!',
      });
      expect(errors.suggestedText).toBe(VOTE_RING_TEXT);
      expect(errors.ask).toBeUndefined();
    });

    it('accepts asking for answers on Stack Overflow', () => {
      expect(
        validated({ url: 'https://stackoverflow.com/questions/1', ask: 'Answer it if you know drizzle well' }).url,
      ).toBe('https://stackoverflow.com/questions/1');
    });

    it('lets the same words through for a site that allows them', () => {
      expect(validated({ url: 'https://producthunt.example.com/boost', ask: 'Please upvote our launch' }).ask).toBe(
        'Please upvote our launch',
      );
    });

    it('explains the rule and what to ask for instead, briefly', () => {
      expect(VOTE_RING_TEXT).toMatch(/vote ring/i);
      expect(VOTE_RING_TEXT).toMatch(/share/);
      expect(VOTE_RING_TEXT.length).toBeLessThanOrEqual(150);
    });
  });
});

describe('asksForVotes', () => {
  const votingSites = [
    'https://stackoverflow.com/questions/123/how',
    'https://www.stackoverflow.com/q/1',
    'https://ru.stackoverflow.com/q/1',
    'https://math.stackexchange.com/q/1',
    'https://meta.stackexchange.com/q/1',
    'https://superuser.com/q/1',
    'https://serverfault.com/q/1',
    'https://askubuntu.com/q/1',
    'https://mathoverflow.net/q/1',
    'https://stackapps.com/q/1',
    'https://reddit.com/r/node/comments/1',
    'https://old.reddit.com/r/node/comments/1',
    'https://www.reddit.com/r/node/comments/1',
    'https://redd.it/abc123',
    'https://news.ycombinator.com/item?id=1',
    'https://NEWS.YCOMBINATOR.COM./item?id=1',
  ];

  it.each(votingSites)('catches a vote request for %s', (url) => {
    expect(asksForVotes(url, 'Please upvote this')).toBe(true);
  });

  it.each(votingSites)('lets an honest ask through for %s', (url) => {
    expect(asksForVotes(url, 'Please answer or share it if you know someone who could help')).toBe(false);
  });

  it.each([
    'Upvote please',
    'an UP-VOTE would help',
    'give it an up vote',
    'vote it up',
    'vote this up',
    'vote my answer up',
    'please vote up',
    'We need votes',
    'Give it a vote',
    'give my question a vote',
    'vote for us!',
    'Please vote!',
    'free karma',
    '+1 it please',
    'a quick +1 would help',
    '+1',
    'upvoting helps',
    'downvote the other answer',
  ])('recognises %j as asking for votes', (text) => {
    expect(asksForVotes('https://stackoverflow.com/q/1', text)).toBe(true);
  });

  it.each([
    'I am devoted to this question',
    'A question about the voter model',
    'Explain how voting works in Raft',
    'call us at +1 555 0100',
    'call +1 (555) 0100',
    'why is n+1 slow',
    'off by +1.5 degrees',
    'C++11 lambdas',
    'karmaLib is broken',
  ])('does not mistake %j for a vote request', (text) => {
    expect(asksForVotes('https://stackoverflow.com/q/1', text)).toBe(false);
  });

  it.each([
    'https://blog.example.com/voter-registration-guide',
    'https://notreddit.com/r/x',
    'https://stackoverflow.com.evil.example/q/1',
    'https://reddit.com.example/r/x',
    'https://www.ycombinator.com/companies',
    'https://stackoverflow.blog/2026/01/01/post',
  ])('ignores vote words for %s, which is not a listed voting site', (url) => {
    expect(asksForVotes(url, 'Please upvote, we need votes and karma')).toBe(false);
  });

  it('is false for something that is not a link', () => {
    expect(asksForVotes('not a url', 'upvote')).toBe(false);
  });
});
