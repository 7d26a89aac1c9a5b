// The site under its own /_headers, as Netlify or Cloudflare Pages would
// serve it: every HTML page loads in Chromium with the Content-Security-Policy
// that allows only the site itself, and nothing on any page is refused
// (no inline style or script, no request to elsewhere). Scripts the theme
// ships (such as a street search) run on load, so what they do at load is
// checked too. The hashed assets carry a year of caching.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { closeSite, newPage, openSite } from './lib/browser.mjs';
import { headersFor, parseHeaders } from './lib/server.mjs';
import { SITE_DIR, assertSiteBuilt, pathPrefix, siteRelative, walk } from './lib/site.mjs';

assertSiteBuilt();
const prefix = pathPrefix();
const headersFile = join(SITE_DIR, '_headers');

/** The URL path of every HTML page of the site. */
function allPages() {
  return walk(SITE_DIR, (name) => name.endsWith('.html')).map((file) => {
    const rel = siteRelative(file);
    return `${prefix}/${rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel}`;
  });
}

describe(`_headers and Content-Security-Policy on ${SITE_DIR}`, () => {
  let server;
  let browser;
  before(async () => ({ server, browser } = await openSite(SITE_DIR, { prefix })));
  after(() => closeSite({ server, browser }));

  test('the site has a _headers file with the security headers', () => {
    assert.ok(existsSync(headersFile), '_headers is missing from the build');
    const rules = parseHeaders(readFileSync(headersFile, 'utf8'));
    const page = headersFor(rules, `${prefix}/`);
    assert.match(page['Content-Security-Policy'] ?? '', /^default-src 'self'/);
    assert.equal(page['X-Content-Type-Options'], 'nosniff');
    assert.equal(page['Referrer-Policy'], 'strict-origin-when-cross-origin');
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(readFileSync(join(SITE_DIR, 'index.html'), 'utf8'))[1];
    assert.match(stylesheet, /\.[0-9a-f]{8}\.css$/, 'the stylesheet name holds a hash');
    assert.equal(headersFor(rules, stylesheet)['Cache-Control'], 'public, max-age=31536000, immutable');
  });

  test('no page breaks its Content-Security-Policy', async () => {
    // Redirect pages of aliases leave by themselves (meta refresh), which would cut the next visit short.
    const isRedirect = (path) => /http-equiv="refresh"/.test(readFileSync(join(SITE_DIR, path.slice(prefix.length), path.endsWith('/') ? 'index.html' : ''), 'utf8'));
    const pages = allPages().filter((path) => !isRedirect(path));
    assert.ok(pages.length > 5, `${pages.length} pages`);
    const tab = await newPage(browser, 1280);
    const violations = [];
    let current = '';
    await tab.exposeFunction('__reportViolation', (v) => violations.push(`${current}: ${v}`));
    await tab.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__reportViolation(`${e.violatedDirective} refused ${e.blockedURI || '(inline)'} at ${e.sourceFile || ''}:${e.lineNumber || ''}`);
      });
    });
    tab.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(`${current}: ${m.text()}`);
    });
    try {
      for (const path of pages) {
        current = path;
        const response = await tab.goto(server.url(path), { waitUntil: 'load' });
        const csp = response.headers()['content-security-policy'];
        assert.ok(csp?.startsWith("default-src 'self'"), `${path} was served without the site's CSP`);
        // Let scripts that start on load finish their first work.
        await tab.waitForTimeout(30);
      }
    } finally {
      await tab.context().close();
    }
    assert.deepEqual(violations, [], 'pages that break the Content-Security-Policy');
  });
});
