// Every HTML page of the built site through the W3C Nu Html Checker (vnu.jar
// from the vnu-jar package, on the installed Java), in one call: zero errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { SITE_DIR, assertSiteBuilt, siteRelative, walk } from './lib/site.mjs';

const VNU = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');

test(`every .html under ${SITE_DIR} is valid HTML (Nu Html Checker, errors only)`, () => {
  assertSiteBuilt();
  assert.ok(existsSync(VNU), `${VNU} missing: run npm ci in tests/browser`);
  const files = walk(SITE_DIR, (name) => name.endsWith('.html'));
  assert.ok(files.length > 0, 'no .html files found');
  const run = spawnSync('java', ['-jar', VNU, '--errors-only', '--format', 'json', ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(run.error, undefined, `could not run java: ${run.error}`);
  // vnu writes its report to stderr; exit status 1 means "errors found".
  const text = (run.stderr || '').trim() || (run.stdout || '').trim();
  let report;
  try {
    report = JSON.parse(text || '{"messages":[]}');
  } catch {
    assert.fail(`vnu exited ${run.status} without a JSON report:\n${run.stdout}\n${run.stderr}`);
  }
  const errors = report.messages.filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal');
  if (errors.length > 0) {
    const lines = errors.map((m) => {
      const file = m.url ? siteRelative(decodeURIComponent(new URL(m.url).pathname)) : '?';
      const where = m.lastLine ? `:${m.firstLine ?? m.lastLine}:${m.firstColumn ?? m.lastColumn ?? ''}` : '';
      const extract = m.extract ? `\n      ${m.extract.replace(/\s+/g, ' ').trim()}` : '';
      return `  ${file}${where}: ${m.message}${extract}`;
    });
    assert.fail(`${errors.length} HTML validation error(s) in ${files.length} files:\n${lines.join('\n')}`);
  }
  assert.equal(run.status, 0, `vnu exited ${run.status}:\n${run.stderr}`);
});
