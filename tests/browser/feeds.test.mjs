// Atom feeds, sitemap.xml and every .ics file through real parsers (Python's
// feedparser and icalendar, in <repo>/.venv), and the calendar times checked
// against wijk.json. The checks themselves live in check_feeds.py.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HERE, REPO_ROOT, SITE_DIR, assertSiteBuilt } from './lib/site.mjs';

const PYTHON = process.env.FEEDS_PYTHON || join(REPO_ROOT, '.venv', 'bin', 'python');

test(`Atom, sitemap and iCalendar files of ${SITE_DIR} parse cleanly and match wijk.json`, () => {
  assertSiteBuilt();
  assert.ok(
    existsSync(PYTHON),
    `${PYTHON} missing: python3 -m venv .venv && .venv/bin/pip install -r tests/browser/requirements.txt (run.sh does this)`,
  );
  const run = spawnSync(PYTHON, [join(HERE, 'check_feeds.py'), SITE_DIR], { encoding: 'utf8' });
  assert.equal(run.error, undefined, `could not run ${PYTHON}: ${run.error}`);
  const out = `${run.stdout}${run.stderr}`.trim();
  console.log(out);
  assert.equal(run.status, 0, out);
});
