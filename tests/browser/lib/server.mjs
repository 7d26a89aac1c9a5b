// A small static file server for the built site, on 127.0.0.1 and an
// ephemeral port. Directory URLs serve their index.html, unknown paths get
// 404.html with status 404, like the static hosting the site is built for.
// The site's /_headers (Netlify / Cloudflare Pages format) is honoured, so
// the pages are tested under their own Content-Security-Policy.
import { createServer } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.xml': 'application/xml',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.pdf': 'application/pdf',
};

/**
 * The rules of a _headers file: [{ pattern: RegExp, headers: [[name, value]] }].
 * A path line starts a rule; indented `Name: value` lines belong to it; `*`
 * matches anything (a splat). Later rules win for the same header, as on
 * Netlify.
 */
export function parseHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line.trim().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
      rules.push({ path: line.trim(), pattern: new RegExp(`^${source}$`), headers: [] });
      continue;
    }
    const at = line.indexOf(':');
    if (at < 0 || rules.length === 0) throw new Error(`_headers: cannot read the line ${JSON.stringify(line)}`);
    rules[rules.length - 1].headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
  return rules;
}

/** The headers the rules give the request path `path`. */
export function headersFor(rules, path) {
  const out = {};
  for (const rule of rules) {
    if (rule.pattern.test(path)) for (const [name, value] of rule.headers) out[name] = value;
  }
  return out;
}

function isFile(p) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * Start serving `root` under the URL path `prefix` ("" or e.g. "/wijken").
 * Resolves to { origin, url(path), close() }.
 */
export function startStaticServer(root, { prefix = '' } = {}) {
  root = resolve(root);
  const headersFile = join(root, '_headers');
  const rules = isFile(headersFile) ? parseHeaders(readFileSync(headersFile, 'utf8')) : [];
  const send = (req, res, status, file, extra = {}) => {
    const type = TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
    const path = new URL(req.url, 'http://localhost').pathname;
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headersFor(rules, path), ...extra });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  };
  const notFound = (req, res) => {
    const page = join(root, '404.html');
    if (isFile(page)) return send(req, res, 404, page);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('404 Not Found (and no 404.html in the site)\n');
  };

  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      return res.end();
    }
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400);
      return res.end();
    }
    if (path.includes('\0') || path.includes('\\')) {
      res.writeHead(400);
      return res.end();
    }
    if (prefix) {
      if (path === prefix) {
        res.writeHead(301, { Location: `${prefix}/` });
        return res.end();
      }
      if (!path.startsWith(`${prefix}/`)) return notFound(req, res);
      path = path.slice(prefix.length);
    }
    const target = resolve(root, `.${path}`);
    if (target !== root && !target.startsWith(root + sep)) return notFound(req, res);
    if (existsSync(target) && statSync(target).isDirectory()) {
      if (!path.endsWith('/')) {
        res.writeHead(301, { Location: `${prefix}${path}/` });
        return res.end();
      }
      const index = join(target, 'index.html');
      return isFile(index) ? send(req, res, 200, index) : notFound(req, res);
    }
    if (isFile(target)) return send(req, res, 200, target);
    return notFound(req, res);
  });

  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const origin = `http://127.0.0.1:${server.address().port}`;
      ok({
        origin,
        url: (p) => origin + p,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
