// Every letter page (/<wijk>/straten/<street>/brief/) printed to PDF by
// Chromium, as a resident's "Print deze brief" does: A4, at most two pages,
// and nothing printed in the address window of a Dutch window envelope
// (22-107 mm from the left, 50-95 mm from the top of page 1). Besides the
// example's letters, the busy fixture (tests/fixtures/busy: three projects,
// fourteen jobs, ten meetings, five regulations in one street) is built with
// the release binary and its letter printed: the two-page budget of
// src/letter/fit.rs must shorten it to two pages in the browser too, not only
// in the Typst PDF. The PDFs are read back with poppler-utils (pdfinfo,
// pdftotext -bbox) and kept under <repo>/target/letters-print/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeSite, newPage, openSite } from './lib/browser.mjs';
import { REPO_ROOT, SITE_DIR, assertSiteBuilt, letterPages, pathPrefix } from './lib/site.mjs';

const OUT = join(REPO_ROOT, 'target', 'letters-print');
const BIN = process.env.WIJKVERHAAL_BIN || join(REPO_ROOT, 'target', 'release', 'wijkverhaal');
// The day the suite builds its fixtures on (tests/suite/util.rs TODAY).
const FIXTURE_TODAY = '2027-01-15';
const MM = 72 / 25.4;
const WINDOW = { left: 22 * MM, right: 107 * MM, top: 50 * MM, bottom: 95 * MM };

assertSiteBuilt();
const letters = letterPages();

function run(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  assert.equal(result.error, undefined, `${command}: ${result.error} (apt-get install poppler-utils)`);
  assert.equal(result.status, 0, `${command} ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** The words of page 1 with their boxes, in PDF points from the top left. */
function wordsOfPageOne(pdf) {
  const html = run('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-']);
  const words = [];
  const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(re)) {
    words.push({ left: +m[1], top: +m[2], right: +m[3], bottom: +m[4], text: m[5] });
  }
  return words;
}

/**
 * Prints `path` from `server` to target/letters-print/<name>.pdf and checks
 * it: at most two A4 pages, text on page 1 but none in the envelope window,
 * the letterhead above the window. Returns the printed text.
 */
async function printLetter(browser, server, path, name) {
  const tab = await newPage(browser, 1280);
  try {
    const response = await tab.goto(server.url(path), { waitUntil: 'load' });
    assert.equal(response.status(), 200);
    const file = join(OUT, `${name}.pdf`);
    await tab.pdf({ path: file, preferCSSPageSize: true, printBackground: false });
    const info = run('pdfinfo', [file]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
    assert.ok(pages <= 2, `${path} prints on ${pages} pages (${file})`);
    // A4 is 595.28 x 841.89 pt; Chromium writes it rounded (594.96 x 841.92).
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    assert.ok(size && Math.abs(size[1] - 595.28) < 1 && Math.abs(size[2] - 841.89) < 1, `not A4: ${info}`);
    const words = wordsOfPageOne(file);
    assert.ok(words.length > 20, `no text on page 1 of ${file}`);
    const inWindow = words.filter(
      (w) => w.right > WINDOW.left && w.left < WINDOW.right && w.bottom > WINDOW.top && w.top < WINDOW.bottom,
    );
    assert.deepEqual(inWindow.map((w) => w.text), [], `text in the envelope window of ${file}`);
    const first = words.reduce((a, w) => (w.top < a.top ? w : a));
    assert.ok(first.top < WINDOW.top, `the letterhead is above the window (${first.text} at ${first.top})`);
    return run('pdftotext', [file, '-']).replace(/\s+/g, ' ');
  } finally {
    await tab.context().close();
  }
}

describe(`letter pages of ${SITE_DIR} printed by Chromium`, () => {
  let server;
  let browser;
  before(async () => {
    mkdirSync(OUT, { recursive: true });
    ({ server, browser } = await openSite(SITE_DIR, { prefix: pathPrefix() }));
  });
  after(() => closeSite({ server, browser }));

  test('the site has letter pages', () => {
    assert.ok(letters.length > 0, 'no straten/<street>/brief/index.html in the built site');
  });

  for (const path of letters) {
    test(`${path} prints on at most two A4 pages with the envelope window free`, async () => {
      const text = await printLetter(browser, server, path, path.replace(/^\/+|\/+$/g, '').replace(/\//g, '-'));
      assert.match(text, /Vragen\? Neem contact op/, `the contact point is printed (${path})`);
      assert.doesNotMatch(text, /Print deze brief|Naar de inhoud/, `only the letter is printed (${path})`);
    });
  }
});

describe('the busy fixture street printed by Chromium', () => {
  let dir;
  let server;
  let browser;
  before(async () => {
    assert.ok(existsSync(BIN), `${BIN} not built (cargo build --release)`);
    mkdirSync(OUT, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'wijkverhaal-busy-'));
    cpSync(join(REPO_ROOT, 'tests', 'fixtures', 'busy'), dir, { recursive: true });
    run(BIN, ['build', '--root', dir, '--today', FIXTURE_TODAY]);
    ({ server, browser } = await openSite(join(dir, 'public')));
  });
  after(async () => {
    await closeSite({ server, browser });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('its letter is shortened to at most two A4 pages, the contact point kept', async () => {
    const text = await printLetter(browser, server, '/drukke-buurt/straten/marktstraat/brief/', 'busy-marktstraat');
    // What the budget cut says so on paper, and what it never cuts is there.
    assert.match(text, /onderwerpen staan op de website\./, text);
    assert.match(text, /bijeenkomsten staan op de website\./, text);
    assert.match(text, /Er gebeuren de komende tijd 17 dingen in de Marktstraat\./, text);
    assert.match(text, /Noor Bakker, Wijkregisseur/, text);
  });
});
