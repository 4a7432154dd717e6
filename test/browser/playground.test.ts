import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PlaygroundServer, startPlaygroundServer } from '../../src/playground/server.ts';
import { launchChromium } from './chromium.ts';
import { hasFocus, PlaygroundPage, WAIT_MS, waitForText, watchForProblems } from './walkthrough.ts';

// The playground in a real browser: headless Chromium walks the core flow a new user would, and every console error,
// uncaught exception or failed request in the page fails the test.

describe('the playground in a browser', () => {
  let server: PlaygroundServer;
  let browser: Browser;
  let page: Page;
  let person: PlaygroundPage;
  let problems: string[];
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'boost-playground-'));
    [server, browser] = await Promise.all([startPlaygroundServer({ port: 0, dataDir }), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(WAIT_MS);
    problems = watchForProblems(page);
    person = new PlaygroundPage(page);
    await person.open(server.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('walks a request from /boost to the helper on the Home and the Monday digest', async () => {
    const form = await person.startRequest('/boost https://example.com/post Please share');
    expect(await form.getByLabel('Link', { exact: true }).inputValue()).toBe('https://example.com/post');

    await form.getByLabel('Link', { exact: true }).fill('example dot com');
    await form.getByRole('button', { name: 'Post request' }).click();
    await waitForText(form, "That doesn't look like a web address");
    expect(await form.getByLabel('What help is needed?').inputValue()).toBe('Please share');

    await form.getByLabel('Link', { exact: true }).fill('https://example.com/post');
    await form.getByLabel('Title').fill('Our launch post');
    await form.getByRole('button', { name: 'Post request' }).click();
    await form.waitFor({ state: 'detached', timeout: WAIT_MS });
    await waitForText(person.message('Our launch post'), 'No one in yet');

    await person.beColleague('Ben Okafor');
    await person.message('Our launch post').getByRole('button', { name: "I'm in" }).click();
    const reply = person.privateReply("You're in for");
    await reply.waitFor({ timeout: WAIT_MS });
    const linkedIn = await reply.getByRole('link', { name: 'Share on LinkedIn' }).getAttribute('href');
    expect(linkedIn).toMatch(/^https:\/\/www\.linkedin\.com\//);
    expect(await reply.getByRole('link', { name: 'Share on LinkedIn' }).getAttribute('target')).toBe('_blank');

    await reply.getByRole('button', { name: 'I shared it' }).click();
    const thanks = person.modal('Thanks for sharing');
    await thanks.getByRole('button', { name: 'Save' }).click();
    await thanks.waitFor({ state: 'detached', timeout: WAIT_MS });
    await waitForText(person.message('Our launch post'), '1 in, 1 shared');

    await person.beColleague('Ada Moreau');
    const home = await person.openAppHome('Home');
    await waitForText(home, 'Ben Okafor');

    await person.moveClock('Next Monday 09:00');
    const messages = await person.openAppHome('Messages');
    await waitForText(messages, 'Your week with Boost');

    expect(problems).toEqual([]);
  }, 90_000);

  it('shows people by name, user text as typed, and times in each colleague’s own zone', async () => {
    await page.getByRole('button', { name: 'Side by side' }).click();
    await person.beColleague('Ada Moreau', 0);
    await person.beColleague('Dev Patel', 1);
    await person.goToChannel('launches', 0);
    await person.goToChannel('launches', 1);
    const form = await person.startRequest('/boost https://example.com/tips Read it & share <b>if</b> you like');
    await form.getByRole('button', { name: 'Post request' }).click();
    await form.waitFor({ state: 'detached', timeout: WAIT_MS });

    const forAda = person.message('example.com/tips', 0);
    const forDev = person.message('example.com/tips', 1);
    await waitForText(forDev, 'Read it & share <b>if</b> you like');
    await waitForText(forDev, '@Ada Moreau asks for a boost');
    const timeOf = (message: typeof forAda) => message.locator('time').first().textContent();
    // Paris is six hours ahead of New York in December.
    const [paris, newYork] = await Promise.all([timeOf(forAda), timeOf(forDev)]);
    const hour = (text: string | null) => new Date(`2000-01-01 ${text}`).getHours();
    expect((hour(paris) - hour(newYork) + 24) % 24).toBe(6);
    expect(problems).toEqual([]);
  }, 60_000);

  it('closes a request only after its confirmation, and ends another past its deadline', async () => {
    const closing = person.message('example.com/tips', 0);
    await closing.getByRole('button', { name: 'Close' }).click();
    const confirm = page.getByRole('dialog', { name: 'Close this request?' });
    await confirm.getByRole('button', { name: 'Keep it open' }).click();
    await closing.getByRole('button', { name: 'Close' }).click();
    await confirm.getByRole('button', { name: 'Close it' }).click();
    await waitForText(closing, 'Closed');

    await person.moveClock('Past the deadline');
    await waitForText(person.message('Our launch post', 0), 'Ended at its deadline');
    expect(problems).toEqual([]);
  }, 60_000);

  it('opens a form with the keyboard, focuses its first field, and gives the focus back when Escape closes it', async () => {
    const composer = person.pane(0).getByRole('textbox', { name: 'Message #launches' });
    await composer.focus();
    await page.keyboard.type('/boost https://example.com/keys');
    await page.keyboard.press('Enter');
    const form = person.modal('Ask for a boost');
    await form.waitFor();
    expect(await hasFocus(form.getByLabel('Link', { exact: true }))).toBe(true);
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    expect(await hasFocus(composer)).toBe(true);
    expect(problems).toEqual([]);
  }, 60_000);

  it('starts over after Reset and its confirmation', async () => {
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.getByRole('dialog', { name: 'Reset the playground?' }).getByRole('button', { name: 'Reset' }).click();
    await person.message('Our write-up of the new design system', 0).waitFor({ timeout: WAIT_MS });
    await person.pane(0).getByRole('listitem').filter({ hasText: 'Our launch post' }).waitFor({ state: 'detached' });
    expect(
      await person.pane(0).getByRole('list', { name: 'Messages in #launches' }).getByRole('listitem').count(),
    ).toBe(1);
    expect(problems).toEqual([]);
  }, 60_000);

  it('fits a phone-wide window without sideways scrolling, the composer in reach', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    const width = await page.locator('body').evaluate((body) => body.ownerDocument.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await person.pane(0).getByRole('textbox', { name: 'Message #launches' }).scrollIntoViewIfNeeded();
    expect(await person.pane(0).getByRole('textbox', { name: 'Message #launches' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  }, 60_000);
});
