import { describe, expect, it } from 'vitest';
import { isInternalHost } from '../../src/domain/addresses.ts';
import { parseWebLink } from '../../src/domain/validation.ts';
import { say } from '../../src/i18n/index.ts';

const hostOf = (url: string) => new URL(url).hostname;

describe('isInternalHost', () => {
  it('recognises private, loopback and link-local IPv4 in every spelling URL parsing accepts', () => {
    for (const url of [
      'http://10.0.0.1/',
      'http://172.16.5.4/',
      'http://172.31.255.255/',
      'http://192.168.0.1/',
      'http://169.254.169.254/',
      'http://127.0.0.1/',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://017700000001/',
      'http://0/',
      'http://100.64.0.1/',
    ]) {
      expect(isInternalHost(hostOf(url)), url).toBe(true);
    }
  });

  it('recognises loopback, unique-local, link-local and IPv4-mapped internal IPv6, and localhost names', () => {
    for (const url of [
      'http://[::1]/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:192.168.1.1]/',
      'http://[64:ff9b::10.0.0.1]/',
      'http://[fd12:3456::1]/',
      'http://[fe80::1]/',
      'http://localhost/',
      'http://LOCALHOST./',
      'http://admin.localhost/',
    ]) {
      expect(isInternalHost(hostOf(url)), url).toBe(true);
    }
  });

  it('leaves public addresses and names alone', () => {
    for (const url of [
      'http://8.8.8.8/',
      'http://172.32.0.1/',
      'http://192.169.0.1/',
      'http://[2606:4700::1111]/',
      'http://[::ffff:8.8.8.8]/',
      'https://example.com/',
      'https://10.example.com/',
      'https://localhost.example.com/',
    ]) {
      expect(isInternalHost(hostOf(url)), url).toBe(false);
    }
  });
});

describe('parseWebLink', () => {
  it('refuses a link to an internal address with a sentence saying why', () => {
    const result = parseWebLink('http://169.254.169.254/latest/meta-data/', 2000);
    expect(result).toEqual({ ok: false, error: { key: 'validation.url.internal' } });
    if (!result.ok) expect(say('en', result.error)).toMatch(/internal network/);
  });
});
