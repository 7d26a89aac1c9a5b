// Where the built site is, and which pages of it the gate looks at.
// Everything is discovered from the built output (wijk.json), so the tests
// work on any wijkverhaal site, not only the example.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(HERE, '..', '..');
export const SITE_DIR = resolve(process.env.SITE_DIR || join(REPO_ROOT, 'public'));
export const WIDTHS = [375, 1280];

export function assertSiteBuilt() {
  if (!existsSync(join(SITE_DIR, 'index.html'))) {
    throw new Error(
      `No built site at ${SITE_DIR} (index.html missing). ` +
        'Build it first (cargo run --release -- build) or set SITE_DIR.',
    );
  }
}

/** Every wijk of the built site: the folders holding a wijk.json, sorted by slug. */
export function wijken() {
  return readdirSync(SITE_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(SITE_DIR, d.name, 'wijk.json')))
    .map((d) => d.name)
    .sort()
    .map((dir) => {
      const data = JSON.parse(readFileSync(join(SITE_DIR, dir, 'wijk.json'), 'utf8'));
      return { dir, data };
    });
}

export function firstWijk() {
  const all = wijken();
  if (all.length === 0) throw new Error(`No <wijk>/wijk.json under ${SITE_DIR}`);
  return all[0];
}

/**
 * The URL path prefix the site was built with (base_url's path), e.g. "" or
 * "/wijken". wijk.json urls carry it; the files on disk do not.
 */
export function pathPrefix() {
  const { dir, data } = firstWijk();
  const candidates = [
    ...(data.streets || []).map((s) => s.url),
    ...(data.timeline || []).map((e) => e.url),
    ...(data.events || []).map((e) => e.url),
  ].filter((u) => typeof u === 'string');
  for (const url of candidates) {
    const path = url.startsWith('/') ? url : new URL(url).pathname;
    const at = path.indexOf(`/${dir}/`);
    if (at >= 0) return path.slice(0, at);
  }
  return '';
}

/** A wijk.json url as a path under the local server (prefix kept). */
export function urlPath(url) {
  return url.startsWith('/') ? url : new URL(url).pathname;
}

/**
 * The pages every check visits, as { name, path } with paths including the
 * prefix. Missing kinds of page (a site without projects or events) are
 * returned with `missing` set so a test can say so instead of silently passing.
 */
export function pagesToCheck() {
  const prefix = pathPrefix();
  const { dir, data } = firstWijk();
  const base = `${prefix}/${dir}/`;
  const timeline = data.timeline || [];
  const events = data.events || [];
  const project = timeline.find((e) => e.kind === 'project');
  const contribution = events[0] || timeline.find((e) => e.kind !== 'project');
  const street = (data.streets || [])[0];
  // The letter of the first street that has one (streets without anything
  // current or upcoming get no letter page).
  const lettered = (data.streets || []).find((s) =>
    existsSync(join(SITE_DIR, dir, 'straten', s.slug, 'brief', 'index.html')),
  );
  const pages = [
    { name: 'overview', path: `${prefix}/` },
    { name: 'all streets', path: `${prefix}/straten/` },
    { name: 'wijk home', path: base },
    { name: 'timeline', path: `${base}tijdlijn/` },
    { name: 'agenda', path: `${base}agenda/` },
    street
      ? { name: 'street', path: urlPath(street.url) }
      : { name: 'street', missing: 'wijk.json has no streets' },
    project
      ? { name: 'project', path: urlPath(project.url) }
      : { name: 'project', missing: 'wijk.json timeline has no entry of kind "project"' },
    contribution
      ? { name: 'contribution', path: urlPath(contribution.url) }
      : { name: 'contribution', missing: 'wijk.json has no events and no timeline entries' },
    { name: 'contact', path: `${base}contact/` },
    lettered
      ? { name: 'letter', path: `${urlPath(lettered.url)}brief/` }
      : { name: 'letter', missing: 'no street of the first wijk has a letter page (straten/<street>/brief/)' },
    { name: '404', path: `${prefix}/404.html` },
  ];
  // Up to three more pages of the wijk that show a picture (an attachment).
  const listed = new Set(pages.map((p) => p.path));
  const pictured = walk(join(SITE_DIR, dir), (name, p) => name === 'index.html' && !p.includes(`${sep}bijlagen${sep}`))
    .filter((p) => readFileSync(p, 'utf8').includes('<picture>'))
    .map((p) => `${prefix}/${siteRelative(p).replace(/index\.html$/, '')}`)
    .filter((path) => !listed.has(path))
    .slice(0, 3);
  pictured.forEach((path, i) => pages.push({ name: `page with a picture (${i + 1})`, path }));
  return { prefix, wijk: dir, data, pages };
}

/** Every letter page of the built site: site-relative URL paths, sorted. */
export function letterPages() {
  const prefix = pathPrefix();
  return walk(SITE_DIR, (name, p) => name === 'index.html' && p.split(sep).slice(-2, -1)[0] === 'brief')
    .map((p) => `${prefix}/${siteRelative(p).replace(/index\.html$/, '')}`);
}

/** All files under dir (recursively) whose name passes the filter, sorted. */
export function walk(dir, filter = () => true) {
  const out = [];
  const visit = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (entry.isFile() && filter(entry.name, p)) out.push(p);
    }
  };
  visit(dir);
  return out.sort();
}

export function siteRelative(p) {
  return relative(SITE_DIR, p).split(sep).join('/');
}
