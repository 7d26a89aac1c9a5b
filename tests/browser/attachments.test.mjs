// What editors attach and link reaches residents: every href, src and
// srcset candidate in every page of the output points at a file the build
// wrote (or outside the site), and every image in Chromium has alt text,
// loads, and has srcset candidates that load. Works on any built site.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { closeSite, newPage, openSite } from './lib/browser.mjs';
import { SITE_DIR, WIDTHS, assertSiteBuilt, pathPrefix, siteRelative, walk } from './lib/site.mjs';

assertSiteBuilt();
const prefix = pathPrefix();
const pages = walk(SITE_DIR, (name) => name.endsWith('.html'));

/** The addresses in a page: href, src and each srcset candidate. */
function addresses(html) {
  const found = [];
  for (const m of html.matchAll(/\s(href|src)="([^"]*)"/g)) found.push(m[2]);
  for (const m of html.matchAll(/\ssrcset="([^"]*)"/g)) {
    for (const candidate of m[1].split(',')) found.push(candidate.trim().split(/\s+/)[0]);
  }
  return found.map((a) => a.replaceAll('&amp;', '&'));
}

/** The file a site-absolute address is served from, or null when it is not ours. */
function fileOf(address, pagePath) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(address) || address.startsWith('//') || address.startsWith('#')) return null;
  const url = new URL(address, `http://site${pagePath}`);
  let path = decodeURIComponent(url.pathname);
  if (prefix && !path.startsWith(`${prefix}/`)) return { missing: `${address} lies outside the base path ${prefix}` };
  path = path.slice(prefix.length);
  const file = join(SITE_DIR, path);
  if (existsSync(file) && statSync(file).isDirectory()) return { file: join(file, 'index.html') };
  return { file };
}

describe(`links and images of ${SITE_DIR}`, () => {
  test('every href, src and srcset candidate of every page exists', () => {
    const broken = [];
    let checked = 0;
    for (const page of pages) {
      const relative = siteRelative(page);
      const pagePath = `/${relative.replace(/index\.html$/, '')}`;
      for (const address of addresses(readFileSync(page, 'utf8'))) {
        const target = fileOf(address, `${prefix}${pagePath}`);
        if (target === null) continue;
        checked += 1;
        if (target.missing || !existsSync(target.file)) broken.push(`${relative}: ${address}`);
      }
    }
    assert.ok(checked > 100, `only ${checked} addresses checked`);
    assert.deepEqual(broken, [], 'addresses that lead nowhere');
  });

  const withImages = pages.filter((p) => /<img\s/.test(readFileSync(p, 'utf8')));
  let server;
  let browser;
  before(async () => ({ server, browser } = await openSite(SITE_DIR, { prefix })));
  after(() => closeSite({ server, browser }));

  test('the site has pages with images to check', () => {
    assert.ok(withImages.length > 0, 'no page of the site shows an image');
  });

  for (const width of WIDTHS) {
    for (const page of withImages) {
      const path = `${prefix}/${siteRelative(page).replace(/index\.html$/, '')}`;
      test(`images on ${path} at ${width}px have alt text, load, and have their srcset candidates`, async () => {
        const tab = await newPage(browser, width);
        try {
          await tab.goto(server.url(path), { waitUntil: 'load' });
          // Lazy images load when they come near the screen: scroll through.
          await tab.evaluate(async () => {
            for (const img of document.images) {
              img.scrollIntoView();
              await new Promise((r) => setTimeout(r, 50));
            }
          });
          await tab.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 10000 });
          const images = await tab.evaluate(() =>
            [...document.images].map((i) => ({
              src: i.getAttribute('src'),
              alt: i.getAttribute('alt'),
              loaded: i.naturalWidth > 0,
              current: i.currentSrc,
              candidates: [i, ...(i.parentElement?.tagName === 'PICTURE' ? i.parentElement.querySelectorAll('source') : [])]
                .flatMap((el) => (el.getAttribute('srcset') || '').split(',').map((c) => c.trim().split(/\s+/)[0]))
                .filter(Boolean),
            })),
          );
          for (const image of images) {
            assert.ok(image.alt && image.alt.trim().length > 0, `${image.src} has no alt text`);
            assert.ok(image.loaded, `${image.src} did not load (current ${image.current})`);
            for (const candidate of image.candidates) {
              const response = await tab.request.get(new URL(candidate, server.url(path)).href);
              assert.equal(response.status(), 200, `srcset candidate ${candidate} of ${image.src}`);
            }
          }
        } finally {
          await tab.context().close();
        }
      });
    }
  }
});
