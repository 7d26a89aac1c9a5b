// Debian's Chromium driven by playwright-core (Playwright's own browser
// download does not work on the CI machines).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startStaticServer } from './server.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get install -y chromium (tests/browser/run.sh does this)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A fresh page at the given width (height is a phone / laptop screen). */
export async function newPage(browser, width) {
  const context = await browser.newContext({
    viewport: { width, height: width < 600 ? 812 : 900 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  return page;
}

/**
 * The built site at `dir` on a static server, and one Chromium, for the tests
 * of a describe block: `before(async () => ({ server, browser } = await
 * openSite(dir, options)))` and `after(() => closeSite({ server, browser }))`.
 */
export async function openSite(dir, options) {
  const server = await startStaticServer(dir, options);
  try {
    return { server, browser: await launch() };
  } catch (error) {
    await server.close();
    throw error;
  }
}

export async function closeSite({ server, browser }) {
  await browser?.close();
  await server?.close();
}
