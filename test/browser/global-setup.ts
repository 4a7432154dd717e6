import { ensureChromium } from './chromium.ts';

/** Makes sure Chromium is there before any browser test starts (installing it can take a minute). */
export default function installChromium(): void {
  ensureChromium();
}
