import type { Locator, Page } from 'playwright-core';

// A person using the playground's page, as functions over what they see: labels, roles and text, never CSS classes
// or ids, so the steps read as what a person does and check that the page can be used that way (keyboard and
// screen readers find things by the same names).

export const WAIT_MS = 15_000;

/** Collects what went wrong in the page: console errors, uncaught exceptions, failed or refused requests. */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400)
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return problems;
}

export class PlaygroundPage {
  constructor(readonly page: Page) {}

  /** The first pane (the only one unless "Side by side" is on). */
  pane(index = 0): Locator {
    return this.page.locator('section[aria-label^="Slack as"]').nth(index);
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('button', { name: 'Next Monday 09:00' }).waitFor({ timeout: WAIT_MS });
  }

  async beColleague(name: string, pane = 0): Promise<void> {
    await this.pane(pane).getByLabel('You are').selectOption({ label: name });
    await this.page.getByRole('region', { name: `Slack as ${name}` }).waitFor({ timeout: WAIT_MS });
  }

  async goToChannel(name: string, pane = 0): Promise<void> {
    await this.pane(pane)
      .getByRole('button', { name: `# ${name}` })
      .click();
  }

  /** Types in the channel's composer and presses Enter. */
  async type(text: string, pane = 0): Promise<void> {
    const composer = this.pane(pane).getByRole('textbox', { name: /^Message #/ });
    await composer.fill(text);
    await composer.press('Enter');
  }

  modal(title: string, pane = 0): Locator {
    return this.pane(pane).getByRole('dialog', { name: title });
  }

  /** A message everyone in the conversation sees, found by text it contains. */
  message(text: string, pane = 0): Locator {
    return this.pane(pane)
      .getByRole('listitem')
      .filter({ hasText: text })
      .filter({ hasNotText: 'Only visible to you' })
      .last();
  }

  /** A private reply ("Only visible to you") containing the text. */
  privateReply(text: string, pane = 0): Locator {
    return this.pane(pane)
      .getByRole('listitem')
      .filter({ hasText: 'Only visible to you' })
      .filter({ hasText: text })
      .last();
  }

  async openAppHome(tab: 'Home' | 'Messages', pane = 0): Promise<Locator> {
    await this.pane(pane).getByRole('button', { name: '⚡ Boost' }).click();
    if (tab === 'Messages') await this.pane(pane).getByRole('tab', { name: 'Messages' }).click();
    return this.pane(pane).getByRole('tabpanel');
  }

  async moveClock(to: 'Next Monday 09:00' | 'A day before the deadline' | 'Past the deadline'): Promise<void> {
    await this.page.getByRole('button', { name: to }).click();
  }

  /** Asks for a boost from the channel's composer and fills the form; returns the form, not yet submitted. */
  async startRequest(command: string): Promise<Locator> {
    await this.type(command);
    const form = this.modal('Ask for a boost');
    await form.waitFor({ timeout: WAIT_MS });
    return form;
  }
}

/** Waits until the locator's text contains `text`. */
export async function waitForText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: WAIT_MS });
}

/** Whether the element has the keyboard focus. */
export async function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === element.ownerDocument.activeElement);
}
