import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPlaygroundServer } from '../src/playground/server.ts';
import { launchChromium } from '../test/browser/chromium.ts';
import { PlaygroundPage, WAIT_MS, waitForText, watchForProblems } from '../test/browser/walkthrough.ts';

// `npm run screenshots`: pictures of each surface, taken from the playground in headless Chromium, for docs/using.md.
// Emoji need a colour emoji font (Debian: fonts-noto-color-emoji); without one they show as empty boxes.

const OUT = fileURLToPath(new URL('../docs/images/', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'boost-screenshots-'));
const server = await startPlaygroundServer({ port: 0, dataDir });
const browser = await launchChromium();

try {
  mkdirSync(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const problems = watchForProblems(page);
  const person = new PlaygroundPage(page);
  const save = async (name: string) => {
    await page.mouse.move(1, 1); // no hover effects in the pictures
    await page.screenshot({ path: join(OUT, `${name}.png`) });
    console.log(`docs/images/${name}.png`);
  };
  await person.open(server.url);

  const form = await person.startRequest(
    '/boost https://example.com/blog/launch Our launch post is out, share it if you like it',
  );
  await form.getByLabel('Link', { exact: true }).fill('example.com launch post');
  await form.getByRole('button', { name: 'Post request' }).click();
  await waitForText(form, "That doesn't look like a web address");
  await save('form-with-errors');

  await form.getByLabel('Link', { exact: true }).fill('https://example.com/blog/launch');
  await form.getByLabel('Title').fill('We launched Northwind 2.0');
  await form.getByLabel('Suggested wording').fill('Northwind 2.0 is out: faster search and offline mode.');
  await form.getByRole('button', { name: 'Post request' }).click();
  await form.waitFor({ state: 'detached', timeout: WAIT_MS });
  await waitForText(person.message('We launched Northwind 2.0'), 'No one in yet');

  for (const [name, shares] of [
    ['Chiara Rossi', true],
    ['Dev Patel', false],
  ] as const) {
    await person.beColleague(name);
    await person.message('We launched Northwind 2.0').getByRole('button', { name: "I'm in" }).click();
    const reply = person.privateReply("You're in for");
    await reply.waitFor({ timeout: WAIT_MS });
    if (!shares) continue;
    await reply.getByRole('button', { name: 'I shared it' }).click();
    await person.modal('Thanks for sharing').getByRole('button', { name: 'Save' }).click();
    await person.modal('Thanks for sharing').waitFor({ state: 'detached', timeout: WAIT_MS });
  }
  await waitForText(person.message('We launched Northwind 2.0'), '2 in, 1 shared');
  await save('private-reply');

  await person.beColleague('Ada Moreau');
  await save('request-message');

  const home = await person.openAppHome('Home');
  await waitForText(home, 'Chiara Rossi');
  await save('home');

  await person.moveClock('Next Monday 09:00');
  const messages = await person.openAppHome('Messages');
  await waitForText(messages, 'Your week with Boost');
  await save('digest');

  if (problems.length > 0) throw new Error(`The page had problems:\n${problems.join('\n')}`);
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
