// WCAG 2.1 A and AA, as axe-core sees them in Chromium, on one page of every
// kind at a phone and a laptop width. Zero violations, no rules excluded.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { closeSite, newPage, openSite } from './lib/browser.mjs';
import { SITE_DIR, WIDTHS, assertSiteBuilt, pagesToCheck } from './lib/site.mjs';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

assertSiteBuilt();
const { prefix, pages } = pagesToCheck();

function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `      - ${n.target.join(' ')}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, '\n        ')}` : ''}`)
        .join('\n');
      return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join('\n');
}

describe(`axe-core ${TAGS.join(', ')} on ${SITE_DIR}`, () => {
  let server;
  let browser;
  before(async () => ({ server, browser } = await openSite(SITE_DIR, { prefix })));
  after(() => closeSite({ server, browser }));

  for (const width of WIDTHS) {
    for (const page of pages) {
      const name = `${page.name} ${page.path ?? ''} at ${width}px`;
      if (page.missing) {
        test(name, () => assert.fail(`cannot find a ${page.name} page to check: ${page.missing}`));
        continue;
      }
      test(name, async () => {
        const tab = await newPage(browser, width);
        // A stylesheet or script that fails to load makes the page look and
        // behave unlike the real site, so axe would judge the wrong page.
        const broken = [];
        tab.on('response', (r) => {
          if (r.url().startsWith(server.origin) && r.status() >= 400 && r.request().resourceType() !== 'document') {
            broken.push(`${r.status()} ${new URL(r.url()).pathname} (${r.request().resourceType()})`);
          }
        });
        tab.on('requestfailed', (r) => broken.push(`failed ${r.url()} (${r.failure()?.errorText})`));
        try {
          const response = await tab.goto(server.url(page.path), { waitUntil: 'load' });
          const expected = page.name === '404' ? [200, 404] : [200];
          assert.ok(
            expected.includes(response.status()),
            `${page.path} answered ${response.status()} (is the page missing from the build?)`,
          );
          assert.deepEqual(broken, [], `${page.path} loads resources that fail`);
          // Evaluated, not added as a <script>: the site's own
          // Content-Security-Policy (from _headers) would refuse an inline script.
          await tab.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
          const result = await tab.evaluate(
            (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
            TAGS,
          );
          if (result.violations.length > 0) {
            const report = describeViolations(result.violations);
            assert.fail(`${result.violations.length} axe violation(s) on ${page.path} at ${width}px:\n${report}`);
          }
        } finally {
          await tab.context().close();
        }
      });
    }
  }
});
