// Keyboard use: the first Tab lands on a skip link, focus is visible, and
// every link on the agenda page (the "add to my calendar" links included)
// can be reached with Tab alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSite, newPage, openSite } from './lib/browser.mjs';
import { SITE_DIR, WIDTHS, assertSiteBuilt, pagesToCheck } from './lib/site.mjs';

assertSiteBuilt();
const { prefix, wijk, data, pages } = pagesToCheck();
const agenda = pages.find((p) => p.name === 'agenda');

// Runs in the page: a description of the focused element and the computed
// styles that make focus visible. `blur` measures the same element unfocused.
function focusState(blur) {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const pick = () => {
    const s = getComputedStyle(el);
    return {
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      outlineVisible: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
      boxShadow: s.boxShadow,
    };
  };
  const rect = el.getBoundingClientRect();
  const focused = pick();
  const info = {
    tag: el.tagName.toLowerCase(),
    href: el.getAttribute('href'),
    text: (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 60),
    index: el.dataset.kbIndex ?? null,
    rect: { x: rect.x, y: rect.y, width: rect.width, height: rect.height },
    inViewport:
      rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 &&
      rect.top < window.innerHeight && rect.left < window.innerWidth,
    focused,
  };
  if (blur) {
    el.blur();
    info.unfocused = pick();
    el.focus({ focusVisible: true });
  }
  return info;
}

function focusDiffers(state) {
  const { focused, unfocused } = state;
  return (
    (focused.outlineVisible && focused.outline !== unfocused.outline) ||
    (focused.boxShadow !== 'none' && focused.boxShadow !== unfocused.boxShadow)
  );
}

const describeEl = (s) => `<${s.tag}${s.href != null ? ` href="${s.href}"` : ''}> "${s.text}"`;

describe(`keyboard on ${SITE_DIR}`, () => {
  let server;
  let browser;
  before(async () => ({ server, browser } = await openSite(SITE_DIR, { prefix })));
  after(() => closeSite({ server, browser }));

  for (const width of WIDTHS) {
    for (const page of pages.filter((p) => !p.missing)) {
      test(`first Tab reaches a visible skip link with visible focus: ${page.name} ${page.path} at ${width}px`, async () => {
        const tab = await newPage(browser, width);
        try {
          await tab.goto(server.url(page.path), { waitUntil: 'load' });
          await tab.keyboard.press('Tab');
          await tab.waitForTimeout(300); // let a skip link slide into view
          const state = await tab.evaluate(focusState, true);
          assert.ok(state, `first Tab on ${page.path} focused nothing`);
          assert.ok(
            state.tag === 'a' && typeof state.href === 'string' && state.href.startsWith('#') && state.href.length > 1,
            `first Tab on ${page.path} reached ${describeEl(state)}, not a skip link (<a href="#...">)`,
          );
          const targetExists = await tab.evaluate(
            (id) => document.getElementById(decodeURIComponent(id)) !== null,
            state.href.slice(1),
          );
          assert.ok(targetExists, `skip link ${state.href} on ${page.path} points at no element with that id`);
          assert.ok(
            state.inViewport,
            `skip link on ${page.path} is not on screen when focused (box ${JSON.stringify(state.rect)})`,
          );
          assert.ok(
            focusDiffers(state),
            `focus on the skip link of ${page.path} is not visible: outline/box-shadow focused ` +
              `${JSON.stringify(state.focused)} vs unfocused ${JSON.stringify(state.unfocused)}`,
          );
        } finally {
          await tab.context().close();
        }
      });
    }

    test(`agenda at ${width}px: every link and every "add to my calendar" link is reachable by Tab, with visible focus`, async () => {
      const tab = await newPage(browser, width);
      try {
        await tab.goto(server.url(agenda.path), { waitUntil: 'load' });
        // Number every link a user could see; hidden ones (display:none, a
        // closed menu, visibility:hidden) are not expected to take focus.
        const links = await tab.evaluate(() =>
          [...document.querySelectorAll('a[href]')]
            .map((a, i) => {
              a.dataset.kbIndex = String(i);
              const s = getComputedStyle(a);
              const shown = a.getClientRects().length > 0 && s.visibility !== 'hidden';
              return { index: String(i), href: a.getAttribute('href'), text: a.innerText.trim().slice(0, 60), shown, ics: /\.ics$/i.test(a.getAttribute('href')) };
            })
            .filter((l) => l.shown),
        );
        const icsLinks = links.filter((l) => l.ics);
        const events = (data.events || []).length;
        if (events > 0) {
          assert.ok(
            icsLinks.length >= events,
            `${agenda.path} lists ${events} event(s) in wijk.json but has ${icsLinks.length} visible "add to my calendar" link(s) (a[href$=".ics"])`,
          );
        }

        const reached = new Set();
        const notVisible = [];
        const order = [];
        const maxPresses = links.length * 2 + 40;
        for (let i = 0; i < maxPresses; i++) {
          await tab.keyboard.press('Tab');
          const state = await tab.evaluate(focusState, true);
          if (!state) {
            if (order.length > 0) break; // focus left the document: one full round done
            continue;
          }
          const key = state.index ?? `${state.tag}:${state.text}`;
          if (order.includes(key)) break; // wrapped around
          order.push(key);
          if (state.index != null) reached.add(state.index);
          if (!focusDiffers(state)) notVisible.push(describeEl(state));
        }
        const missed = links.filter((l) => !reached.has(l.index));
        assert.deepEqual(
          missed.map((l) => `<a href="${l.href}"> "${l.text}"`),
          [],
          `links on ${agenda.path} (wijk ${wijk}) that Tab never reaches`,
        );
        assert.deepEqual(notVisible, [], `elements on ${agenda.path} whose focus shows no outline or box-shadow change`);
      } finally {
        await tab.context().close();
      }
    });
  }
});
