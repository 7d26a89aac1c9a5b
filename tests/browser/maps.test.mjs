// Finding your street and the maps (issue 12): the /straten/ search with and
// without JavaScript, by postcode and by name, with the keyboard; the maps'
// links; and werk.geojson / straten/index.json through a real GeoJSON parser
// (Python's geojson package in <repo>/.venv, see check_geojson.py).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeSite, newPage, openSite } from './lib/browser.mjs';
import { HERE, REPO_ROOT, SITE_DIR, assertSiteBuilt, pathPrefix, wijken } from './lib/site.mjs';

assertSiteBuilt();
const prefix = pathPrefix();
const PYTHON = process.env.FEEDS_PYTHON || join(REPO_ROOT, '.venv', 'bin', 'python');
const index = JSON.parse(readFileSync(join(SITE_DIR, 'straten', 'index.json'), 'utf8'));
// A street with one page and a postcode that no other street has.
const byPostcode = index.find(
  (s) => s.pages.length === 1 && s.postcodes.some((p) => index.filter((o) => o.postcodes.includes(p)).length === 1),
);
const unique = byPostcode && byPostcode.postcodes.find((p) => index.filter((o) => o.postcodes.includes(p)).length === 1);

test('werk.geojson and straten/index.json parse with a real GeoJSON parser and match wijk.json', () => {
  assert.ok(existsSync(PYTHON), `${PYTHON} missing (run.sh makes the venv)`);
  const run = spawnSync(PYTHON, [join(HERE, 'check_geojson.py'), SITE_DIR], { encoding: 'utf8' });
  const out = `${run.stdout}${run.stderr}`.trim();
  console.log(out);
  assert.equal(run.status, 0, out);
});

describe('/straten/', () => {
  let server;
  let browser;
  before(async () => ({ server, browser } = await openSite(SITE_DIR, { prefix })));
  after(() => closeSite({ server, browser }));

  test('without JavaScript: the whole A-Z list, letter links, no search box', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    const tab = await context.newPage();
    try {
      await tab.goto(server.url(`${prefix}/straten/`));
      assert.equal(await tab.locator('form.street-search').isVisible(), false, 'the search needs the script');
      const listed = await tab.locator('.all-streets > li').count();
      assert.equal(listed, index.length, 'every street once');
      const letter = tab.locator('.letters a').first();
      const target = await letter.getAttribute('href');
      await letter.click();
      assert.equal(new URL(tab.url()).hash, target);
      // From the home page's field, without the script, one lands on the list.
      await tab.goto(server.url(`${prefix}/`));
      await tab.fill('#zoek-straat', unique ?? 'straat');
      await tab.press('#zoek-straat', 'Enter');
      await tab.waitForURL(/\/straten\/\?q=/);
      assert.equal(await tab.locator('.all-streets > li').count(), index.length);
    } finally {
      await context.close();
    }
  });

  test('with JavaScript: a postcode typed as 1234ab finds its street, Enter opens its page', async (t) => {
    if (!unique) return t.skip('no street with a postcode of its own in this site');
    const tab = await newPage(browser, 375);
    try {
      await tab.goto(server.url(`${prefix}/straten/`));
      const input = tab.getByLabel(/Straatnaam of postcode|Street name or postcode/);
      await input.waitFor();
      await input.focus();
      await tab.keyboard.type(unique.replace(' ', '').toLowerCase());
      const status = tab.locator('#straat-aantal');
      await assert.doesNotReject(status.filter({ hasText: /^1 / }).waitFor(), 'the live region says one match');
      assert.equal(await status.getAttribute('role'), 'status');
      assert.equal(await tab.locator('.street-index').isVisible(), false, 'the A-Z list makes room');
      await tab.keyboard.press('Enter');
      await tab.waitForURL((url) => url.pathname === byPostcode.pages[0].url);
    } finally {
      await tab.context().close();
    }
  });

  test('with JavaScript: part of a name, arrow keys into the results, and from the home page', async () => {
    const tab = await newPage(browser, 1280);
    try {
      const street = index.find((s) => s.pages.length === 1 && s.name.length > 5);
      const part = street.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').slice(1, 5).toUpperCase();
      await tab.goto(server.url(`${prefix}/straten/`));
      const input = tab.locator('#straat-zoeken');
      await input.waitFor();
      await input.fill(part);
      await tab.locator('#straat-gevonden li').first().waitFor();
      const names = await tab.locator('#straat-gevonden li').allInnerTexts();
      assert.ok(names.some((n) => n.startsWith(street.name)), `${part} finds ${street.name}: ${names}`);
      await input.press('ArrowDown');
      const focused = await tab.evaluate(() => document.activeElement?.closest('#straat-gevonden') !== null);
      assert.ok(focused, 'arrow down moves into the results');
      await tab.keyboard.press('ArrowUp');
      assert.equal(await tab.evaluate(() => document.activeElement?.id), 'straat-zoeken');
      await tab.keyboard.press('Escape');
      assert.equal(await tab.locator('.street-index').isVisible(), true, 'Escape clears the search');
      if (unique) {
        // The home page's "Zoek uw straat" with a postcode goes straight to the street.
        await tab.goto(server.url(`${prefix}/`));
        await tab.fill('#zoek-straat', unique);
        await tab.press('#zoek-straat', 'Enter');
        await tab.waitForURL((url) => url.pathname === byPostcode.pages[0].url);
      }
    } finally {
      await tab.context().close();
    }
  });

  test('the maps link each street with works to its page, by its accessible name', async () => {
    const withMap = wijken().find(({ data }) => data.geojson);
    if (!withMap) return;
    const tab = await newPage(browser, 1280);
    try {
      await tab.goto(server.url(`${prefix}/${withMap.dir}/`));
      const links = tab.locator('svg.kaart-svg a');
      const count = await links.count();
      assert.ok(count > 0, 'a map with links');
      for (let i = 0; i < count; i += 1) {
        const link = links.nth(i);
        const label = await link.getAttribute('aria-label');
        const href = await link.getAttribute('href');
        const street = withMap.data.streets.find((s) => s.url === href);
        assert.ok(street && label.startsWith(`${street.name}: `), `${href}: ${label}`);
      }
      await links.first().focus();
      assert.equal(await tab.evaluate(() => document.activeElement.closest('svg') !== null), true, 'map links take focus');
      const text = await tab.locator('.kaart-tekst').innerText();
      assert.ok(text.length > 40, 'the map as text');
    } finally {
      await tab.context().close();
    }
  });
});
