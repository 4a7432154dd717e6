import { describe, expect, it } from 'vitest';
import { firstLinkIn, parseBoostCommand } from '../../src/domain/command.ts';

describe('parseBoostCommand', () => {
  it('opens a new request for an empty command', () => {
    expect(parseBoostCommand('')).toEqual({ kind: 'new' });
    expect(parseBoostCommand('   \n')).toEqual({ kind: 'new' });
  });

  it('prefills a bare link and the words after it', () => {
    expect(parseBoostCommand('https://example.com/post please share')).toEqual({
      kind: 'new',
      url: 'https://example.com/post',
      text: 'please share',
    });
  });

  it('takes a link alone without inventing text', () => {
    expect(parseBoostCommand('http://example.com')).toEqual({ kind: 'new', url: 'http://example.com' });
  });

  it('reads the link forms Slack sends, with and without a label', () => {
    expect(parseBoostCommand('<https://example.com/a?b=1&amp;c=2|example.com/a> our launch')).toEqual({
      kind: 'new',
      url: 'https://example.com/a?b=1&c=2',
      text: 'our launch',
    });
    expect(parseBoostCommand('<https://example.com/x>')).toEqual({ kind: 'new', url: 'https://example.com/x' });
  });

  it('restores characters Slack sent as entities in the text', () => {
    expect(parseBoostCommand('https://example.com R&amp;D &lt;3')).toMatchObject({ text: 'R&D <3' });
  });

  it('keeps line breaks in the text', () => {
    expect(parseBoostCommand('https://example.com line one\nline two')).toMatchObject({ text: 'line one\nline two' });
  });

  it('accepts "new" with or without a link', () => {
    expect(parseBoostCommand('new')).toEqual({ kind: 'new' });
    expect(parseBoostCommand('new <https://example.com|example.com> hi')).toEqual({
      kind: 'new',
      url: 'https://example.com',
      text: 'hi',
    });
  });

  it.each([
    ['list', 'list'],
    ['mine', 'mine'],
    ['help', 'help'],
    ['?', 'help'],
    ['settings', 'settings'],
    ['forget-me', 'forget-me'],
    ['export', 'export'],
    ['stats', 'stats'],
    ['LIST', 'list'],
    ['Forget-Me', 'forget-me'],
    ['  help  ', 'help'],
  ])('understands %j', (text, kind) => {
    expect(parseBoostCommand(text)).toEqual({ kind });
  });

  it('reads the request number of a report, with or without #', () => {
    expect(parseBoostCommand('report 12')).toEqual({ kind: 'report', requestId: 12 });
    expect(parseBoostCommand('Report #12')).toEqual({ kind: 'report', requestId: 12 });
  });

  it('asks which request to report when no number is given', () => {
    expect(parseBoostCommand('report')).toEqual({ kind: 'report' });
    expect(parseBoostCommand('report twelve')).toEqual({ kind: 'report' });
    expect(parseBoostCommand('report 12abc')).toEqual({ kind: 'report' });
  });

  it('passes any other word back as unknown', () => {
    expect(parseBoostCommand('lsit all')).toEqual({ kind: 'unknown', word: 'lsit' });
    expect(parseBoostCommand('example.com')).toEqual({ kind: 'unknown', word: 'example.com' });
    expect(parseBoostCommand('ftp://example.com')).toEqual({ kind: 'unknown', word: 'ftp://example.com' });
  });

  it('keeps an unknown word short', () => {
    const result = parseBoostCommand('x'.repeat(500));
    expect(result.kind).toBe('unknown');
    if (result.kind === 'unknown') expect(result.word.length).toBeLessThanOrEqual(40);
  });
});

describe('firstLinkIn', () => {
  it('finds the first web link in Slack message text', () => {
    const text =
      'Mail <mailto:a@b.example|me> or see <https://example.com/a?x=1&amp;y=2|the post> and <https://two.example>';
    expect(firstLinkIn(text)).toBe('https://example.com/a?x=1&y=2');
  });

  it('finds a bare link', () => {
    expect(firstLinkIn('see https://example.com/post today')).toBe('https://example.com/post');
  });

  it('is undefined when there is no link', () => {
    expect(firstLinkIn('no link <@U123> here')).toBeUndefined();
  });
});
