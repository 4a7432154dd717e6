import { describe, expect, it } from 'vitest';
import { honestLinkLabel, labelDisguisesLink } from '../../src/domain/link-label.ts';
import { link } from '../../src/slack/views/blocks.ts';

describe('honestLinkLabel', () => {
  it('shows the real address when a title reads as another one', () => {
    expect(honestLinkLabel('https://evil.example/x', 'https://bank.example/login')).toBe('evil.example/x');
    expect(honestLinkLabel('https://evil.example/', 'www.bank.example')).toBe('evil.example');
    expect(link('https://evil.example/x', 'bank.example')).toBe('<https://evil.example/x|evil.example/x>');
  });

  it('keeps titles that are words, and addresses that are the link itself', () => {
    expect(honestLinkLabel('https://example.com/launch', 'Our launch: v2 is here')).toBe('Our launch: v2 is here');
    expect(honestLinkLabel('https://www.example.com/launch', 'example.com/launch')).toBe('example.com/launch');
    expect(honestLinkLabel('https://blog.example.com/p', 'example.com')).toBe('example.com');
    expect(honestLinkLabel('https://xn--bcher-kva.example/', 'bücher.example')).toBe('bücher.example');
  });

  it('reads escaped labels as people see them', () => {
    expect(labelDisguisesLink('https://example.com/', 'bank.example/?a=1&amp;b=2')).toBe(true);
    expect(labelDisguisesLink('https://example.com/', '&lt;b&gt; not an address')).toBe(false);
  });
});
