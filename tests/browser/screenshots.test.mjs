// Full-page screenshots of the wijk home, timeline and agenda at a phone and a
// laptop width, saved under <repo>/target/screenshots/ on every run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launch, newPage } from './lib/browser.mjs';
import { startStaticServer } from './lib/server.mjs';
import { REPO_ROOT, SITE_DIR, WIDTHS, assertSiteBuilt, pagesToCheck } from './lib/site.mjs';

const OUT = join(REPO_ROOT, 'target', 'screenshots');
const SHOTS = { 'wijk home': 'home', timeline: 'tijdlijn', agenda: 'agenda', letter: 'brief' };

assertSiteBuilt();
const { prefix, wijk, pages } = pagesToCheck();

describe(`screenshots of ${SITE_DIR} into ${OUT}`, () => {
  let server;
  let browser;
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    server = await startStaticServer(SITE_DIR, { prefix });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const width of WIDTHS) {
    for (const page of pages.filter((p) => p.name in SHOTS)) {
      const file = join(OUT, `${wijk}-${SHOTS[page.name]}-${width}.png`);
      test(`${page.name} ${page.path} at ${width}px -> ${file}`, async () => {
        const tab = await newPage(browser, width);
        try {
          const response = await tab.goto(server.url(page.path), { waitUntil: 'load' });
          assert.equal(response.status(), 200, `${page.path} answered ${response.status()}`);
          await tab.evaluate(() => document.fonts?.ready);
          await tab.screenshot({ path: file, fullPage: true });
          assert.ok(statSync(file).size > 0);
        } finally {
          await tab.context().close();
        }
      });
    }
  }
});
