// House style through NL Design System tokens: a copy of the example site
// with a token file (another primary colour and font) named in site.toml is
// built with the release binary and loaded in Chromium under its own
// _headers. The header, the wijk menu, links (card titles too) and buttons take the token
// values, the body takes the font, and axe (WCAG 2.1 AA) still passes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, newPage } from './lib/browser.mjs';
import { startStaticServer } from './lib/server.mjs';
import { REPO_ROOT } from './lib/site.mjs';

const BIN = process.env.WIJKVERHAAL_BIN || join(REPO_ROOT, 'target', 'release', 'wijkverhaal');
const EXAMPLE = process.env.EXAMPLE_ROOT || REPO_ROOT;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RED = 'rgb(122, 26, 46)'; // #7a1a2e, 11.6:1 on white
const TOKENS = `:root {
  --utrecht-page-header-color: #7a1a2e;
  --utrecht-page-header-border-block-start-color: #7a1a2e;
  --utrecht-nav-bar-background-color: #7a1a2e;
  --utrecht-button-primary-action-background-color: #7a1a2e;
  --utrecht-link-color: #7a1a2e;
  --utrecht-heading-color: #7a1a2e;
  --utrecht-document-font-family: Georgia, "DejaVu Serif", serif;
}
`;

describe('a token file restyles the site', () => {
  let dir;
  let server;
  let browser;
  before(async () => {
    assert.ok(existsSync(BIN), `${BIN} not built (cargo build --release)`);
    dir = mkdtempSync(join(tmpdir(), 'wijkverhaal-tokens-'));
    cpSync(join(EXAMPLE, 'content'), join(dir, 'content'), { recursive: true });
    const toml = readFileSync(join(EXAMPLE, 'site.toml'), 'utf8');
    writeFileSync(join(dir, 'site.toml'), `tokens = "/huisstijl/tokens.css"\n${toml}`);
    mkdirSync(join(dir, 'themes/default/static/huisstijl'), { recursive: true });
    writeFileSync(join(dir, 'themes/default/static/huisstijl/tokens.css'), TOKENS);
    execFileSync(BIN, ['build', '--root', dir, '--today', '2027-03-01'], { stdio: 'pipe' });
    server = await startStaticServer(join(dir, 'public'));
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const width of [375, 1280]) {
    test(`header, menu, links, buttons and font at ${width}px, and axe passes`, async () => {
      const tab = await newPage(browser, width);
      try {
        await tab.goto(server.url('/lindenhof/agenda/'), { waitUntil: 'load' });
        const styles = await tab.evaluate(() => {
          const css = (selector, prop) => {
            const el = document.querySelector(selector);
            return el ? getComputedStyle(el)[prop] : null;
          };
          return {
            brand: css('.brand', 'color'),
            masthead: css('.masthead', 'borderTopColor'),
            nav: css('.wijk-nav', 'backgroundColor'),
            link: css('main p a:not(.button), .breadcrumb a', 'color'),
            cardTitle: css('.card-title a:not(:visited)', 'color'),
            button: css('.button:not(.button-secondary)', 'backgroundColor'),
            heading: css('h2', 'color'),
            font: css('body', 'fontFamily'),
            tokensFirst: [...document.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href')),
          };
        });
        assert.match(styles.tokensFirst[0], /^\/huisstijl\/tokens\.[0-9a-f]{8}\.css$/);
        assert.match(styles.tokensFirst[1], /^\/assets\/wijkverhaal\.[0-9a-f]{8}\.css$/);
        for (const key of ['brand', 'masthead', 'nav', 'link', 'cardTitle', 'button', 'heading']) {
          assert.equal(styles[key], RED, `${key}: ${JSON.stringify(styles)}`);
        }
        assert.match(styles.font, /^Georgia/);
        await tab.evaluate(AXE);
        const result = await tab.evaluate(() =>
          window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }),
        );
        assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
        if (width === 375) await tab.screenshot({ path: join(REPO_ROOT, 'target', 'screenshots', 'tokens-agenda-375.png'), fullPage: false });
      } finally {
        await tab.context().close();
      }
    });
  }
});
