// Live reload seen in a real browser: with `wijkverhaal serve` running on a
// copy of the example site and a contribution open in Chromium, a title change
// on disk shows in the open page within 2 s, a broken file shows the error
// page (naming the file), and fixing it brings the page back, all without
// touching the browser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import { launch, newPage } from './lib/browser.mjs';
import { REPO_ROOT, walk } from './lib/site.mjs';

const BIN = process.env.WIJKVERHAAL_BIN || join(REPO_ROOT, 'target', 'release', 'wijkverhaal');
// The example site to copy (site.toml, content/, themes/); the repo root by default.
const EXAMPLE = process.env.EXAMPLE_ROOT || REPO_ROOT;
const RELOAD_MS = 2000;
const ERROR_PAGE_MS = 5000;

function skipReason() {
  if (!existsSync(BIN)) return `${BIN} not built (cargo build --release); live reload not tested`;
  const help = spawnSync(BIN, ['serve', '--help'], { encoding: 'utf8', timeout: 10000 });
  if (help.status !== 0 || !/--port/.test(`${help.stdout}${help.stderr}`)) {
    return (
      `\`wijkverhaal serve\` is not there yet (\`serve --help\` exited ${help.status} without listing --port); ` +
      'live reload will be tested once issue 4 (serve) lands'
    );
  }
  if (!existsSync(join(EXAMPLE, 'site.toml')) || !existsSync(join(EXAMPLE, 'content'))) {
    return `no example site (site.toml, content/) in ${EXAMPLE}`;
  }
  return null;
}
const SKIP = skipReason();
if (SKIP) console.log(`# SKIP livereload: ${SKIP}`);

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function slugify(stem) {
  return stem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const TITLE_LINE = /^title\s*=\s*"([^"\\\n]*)"[ \t]*$/m;

/** Contributions with a plain `title = "..."` line: { file, wijk, title, frontMatter }. */
function contributions(root) {
  return walk(join(root, 'content'), (name) => name.endsWith('.md') && name !== '_index.md')
    .map((file) => {
      const parts = relative(join(root, 'content'), file).split(sep);
      const text = readFileSync(file, 'utf8');
      const fm = /^\+\+\+\r?\n([\s\S]*?)\r?\n\+\+\+/.exec(text);
      const m = fm && TITLE_LINE.exec(fm[1]);
      if (parts.length < 2 || !m) return null;
      return { file, wijk: parts[0], title: m[1], draft: /^draft\s*=\s*true/m.test(fm[1]) };
    })
    .filter(Boolean)
    .sort((a, b) => Number(a.draft) - Number(b.draft));
}

async function bodyText(page) {
  try {
    return await page.evaluate(() => document.body?.innerText ?? '');
  } catch {
    return ''; // navigating right now
  }
}

/** Poll the open page (no interaction) until predicate(text) holds; returns ms taken or throws. */
async function waitForText(page, predicate, timeout, what) {
  const t0 = Date.now();
  let text = '';
  while (Date.now() - t0 < timeout) {
    text = await bodyText(page);
    if (predicate(text)) return Date.now() - t0;
    await sleep(50);
  }
  throw new assert.AssertionError({
    message: `${what} not seen within ${timeout} ms. The page (${page.url()}) shows:\n${text.slice(0, 1500)}`,
  });
}

describe('live reload in Chromium with wijkverhaal serve', { skip: SKIP ?? false }, () => {
  let tmp;
  let server;
  let output = '';
  let browser;
  let port;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'wijkverhaal-livereload-'));
    cpSync(join(EXAMPLE, 'site.toml'), join(tmp, 'site.toml'));
    cpSync(join(EXAMPLE, 'content'), join(tmp, 'content'), { recursive: true });
    if (existsSync(join(EXAMPLE, 'themes'))) {
      cpSync(join(EXAMPLE, 'themes'), join(tmp, 'themes'), { recursive: true });
    }
    port = await freePort();
    server = spawn(BIN, ['serve', '--root', tmp, '--bind', '127.0.0.1', '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    const t0 = Date.now();
    for (;;) {
      if (server.exitCode !== null) throw new Error(`serve exited ${server.exitCode}:\n${output}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/`);
        if (res.ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() - t0 > 120000) throw new Error(`serve did not answer on port ${port} within 120 s:\n${output}`);
      await sleep(200);
    }
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGINT'); // Ctrl-C: serve should stop cleanly
      const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!done) {
        server.kill('SIGKILL');
        await exited;
      }
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('title change, broken file and fix all reach the open page by themselves', async () => {
    const origin = `http://127.0.0.1:${port}`;
    // Pick a contribution and find its URL in the served wijk.json (the
    // contract's open data), falling back to the slug rule.
    const candidates = contributions(tmp);
    assert.ok(candidates.length > 0, `no contribution with a plain title = "..." line under ${tmp}/content`);
    let chosen;
    const wijkJson = new Map();
    for (const c of candidates) {
      let url = null;
      try {
        if (!wijkJson.has(c.wijk)) {
          wijkJson.set(c.wijk, await (await fetch(`${origin}/${c.wijk}/wijk.json`)).json());
        }
        const wijk = wijkJson.get(c.wijk);
        const entry = [...(wijk.events || []), ...(wijk.timeline || [])].find(
          (e) => e.title === c.title && e.kind !== 'project',
        );
        if (entry) url = new URL(entry.url, origin).pathname;
      } catch {
        /* fall back below */
      }
      if (url) {
        chosen = { ...c, path: url };
        break;
      }
    }
    if (!chosen) {
      const c = candidates[0];
      chosen = { ...c, path: `/${c.wijk}/${slugify(basename(c.file, '.md'))}/` };
    }
    const { file, path, title } = chosen;
    const fileName = basename(file);
    const original = readFileSync(file, 'utf8');

    const page = await newPage(browser, 1280);
    try {
      const res = await page.goto(origin + path, { waitUntil: 'load' });
      assert.equal(res.status(), 200, `${path} (for ${fileName}) answered ${res.status()}`);
      await waitForText(page, (t) => t.includes(title), 5000, `the title "${title}" of ${fileName}`);
      await sleep(1000); // let the page's reload channel connect

      // 1. A new title, on disk only.
      const newTitle = `${title} (bewerkt ${process.pid})`;
      writeFileSync(file, original.replace(TITLE_LINE, `title = "${newTitle}"`));
      const ms = await waitForText(page, (t) => t.includes(newTitle), RELOAD_MS, `the new title "${newTitle}"`);
      console.log(`# new title visible after ${ms} ms`);

      // 2. Break the front matter: an unclosed string.
      writeFileSync(file, original.replace(TITLE_LINE, `title = "${newTitle}`));
      const msErr = await waitForText(
        page,
        (t) => t.includes(fileName),
        ERROR_PAGE_MS,
        `an error page naming ${fileName}`,
      );
      console.log(`# error page visible after ${msErr} ms`);

      // 3. Fix it again.
      const fixedTitle = `${title} (hersteld ${process.pid})`;
      writeFileSync(file, original.replace(TITLE_LINE, `title = "${fixedTitle}"`));
      const msFix = await waitForText(
        page,
        (t) => t.includes(fixedTitle),
        ERROR_PAGE_MS,
        `the page back with the title "${fixedTitle}"`,
      );
      console.log(`# page back after ${msFix} ms`);
      assert.equal(new URL(page.url()).pathname, path, 'the tab should be back on the contribution page');
      assert.equal(server.exitCode, null, `serve died:\n${output}`);
      assert.ok(!existsSync(join(tmp, 'public')), 'serve wrote a public/ folder; the preview must not');
    } finally {
      await page.context().close();
    }
  });
  test('many open tabs share one poll: new tabs load at once, CSS swaps in place, an edit reloads them all', async () => {
    const origin = `http://127.0.0.1:${port}`;
    // One context is one browser profile, with its limit of about six
    // connections per server: open reload polls must not take them all.
    const context = await browser.newContext();
    try {
      const pages = [];
      for (let i = 0; i < 8; i++) {
        const page = await context.newPage();
        const t0 = Date.now();
        const res = await page.goto(`${origin}/`, { waitUntil: 'load' });
        const ms = Date.now() - t0;
        assert.equal(res.status(), 200);
        assert.ok(ms < 5000, `tab ${i + 1} took ${ms} ms to load: the open tabs' reload polls hold the connections`);
        pages.push(page);
      }
      await sleep(1000); // let the tabs settle who polls
      const stayed = async (page) => {
        try {
          return await page.evaluate(() => window.__stayed === true);
        } catch {
          return false; // navigating right now
        }
      };
      for (const page of pages) await page.evaluate(() => { window.__stayed = true; });

      const css = walk(join(tmp, 'themes'), (name) => name.endsWith('.css'))[0];
      if (css) {
        writeFileSync(css, `${readFileSync(css, 'utf8')}\n/* livereload test ${process.pid} */\n`);
        const t0 = Date.now();
        for (const page of pages) {
          for (;;) {
            const swapped = await page
              .evaluate(() => [...document.querySelectorAll('link[rel="stylesheet"]')].some((l) => l.href.includes('livereload=')))
              .catch(() => false);
            if (swapped) break;
            assert.ok(Date.now() - t0 < RELOAD_MS * 2, `a tab did not swap its stylesheet (${page.url()})`);
            await sleep(50);
          }
          assert.ok(await stayed(page), 'a stylesheet change should not reload the page');
        }
        console.log(`# stylesheet swapped in 8 tabs after ${Date.now() - t0} ms`);
      }

      const c = contributions(tmp)[0];
      const original = readFileSync(c.file, 'utf8');
      writeFileSync(c.file, original.replace(TITLE_LINE, `title = "${c.title} (alle tabs ${process.pid})"`));
      const t0 = Date.now();
      for (const page of pages) {
        while (await stayed(page)) {
          assert.ok(Date.now() - t0 < RELOAD_MS * 2, `a tab did not reload after an edit (${page.url()})`);
          await sleep(50);
        }
      }
      console.log(`# 8 tabs reloaded after ${Date.now() - t0} ms`);
      writeFileSync(c.file, original);
    } finally {
      await context.close();
    }
  });
});
