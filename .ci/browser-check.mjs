#!/usr/bin/env node
// Browser checks of the built site, run by .ci/run after `anslag build`.
//
//   node .ci/browser-check.mjs [OUTPUT_DIR] [--screenshots DIR] [--only TEXT]...
//
// Serves OUTPUT_DIR (default `output`) on 127.0.0.1 with a tiny static server
// (under the path of the site's canonical base URL, as it is deployed), opens
// every .html page in Debian's Chromium through playwright-core and checks:
//
//   axe      axe-core, tags wcag2a wcag2aa wcag21a wcag21aa best-practice: no violation,
//            at 1280 and at 320 px width
//   reflow   at 320 px width no horizontal scrolling (scrollWidth <= innerWidth)
//   nojs     with JavaScript disabled: one main landmark, one h1, the same links and text
//   focus    every element reached with Tab (and every tabindex=-1 target of an
//            in-page link, reached with Enter) shows a visible focus style, inside the viewport
//   print    print media: the skip link, every nav (header menu, breadcrumbs) not displayed
//   board    the board (anslagstavla/): at 320 px every protocol notice is a visible card inside
//            the viewport holding every fact of its table row (body, meeting, §§, adjusted,
//            posted, last day to appeal, removal, storage) and the table is not displayed;
//            at 1280 px the table is displayed and the cards are not
//   script   no <script>, no on…= attribute, no javascript: URL (the theme uses no JS)
//   links    every link, stylesheet and image inside the site resolves to a file, and
//            every #fragment to an id on the target page
//   load     no failed request, no HTTP error, no console error, no request off 127.0.0.1
//
// Saves full-page screenshots of the board and one § page at 320 and 1280 px
// (default target/screenshots/). Prints "N pages, M checks failed"; exits 1 on
// any failure, 2 when it cannot run. Chromium: $CHROMIUM, else `chromium` on PATH.
// One browser; BROWSER_CHECK_JOBS pages (default 2) are checked at a time.
// Nothing leaves the machine: Chromium's background services are off and every
// host name but 127.0.0.1 resolves to nothing.

import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { existsSync, readFileSync, statSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_PATH = '/__browser-check__/axe.min.js'; // served beside the site, never part of it
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const WIDE = { width: 1280, height: 900 };
// Pages checked at the same time (BROWSER_CHECK_JOBS, default 2: CI has 2 cores).
const JOBS = Number.parseInt(process.env.BROWSER_CHECK_JOBS || '2', 10) || 1;
const NARROW = { width: 320, height: 720 };
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  // offline: no calls to Google services, no name resolution beyond the local server
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-quic', '--disable-default-apps', '--disable-extensions',
  '--disable-domain-reliability', '--disable-client-side-phishing-detection',
  '--no-pings', '--metrics-recording-only', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

// ---------------------------------------------------------------- arguments

function usage(message) {
  console.error(`browser-check: ${message}\nusage: node .ci/browser-check.mjs [OUTPUT_DIR] [--screenshots DIR] [--only TEXT]...`);
  process.exit(2);
}

let outputDir = 'output';
let shotDir = 'target/screenshots';
const only = []; // --only TEXT: check just the pages whose path contains TEXT (for local debugging)
{
  const args = process.argv.slice(2);
  let positional = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--screenshots') {
      if (i + 1 >= args.length) usage('--screenshots needs a folder');
      shotDir = args[++i];
    } else if (args[i] === '--only') {
      if (i + 1 >= args.length) usage('--only needs a text');
      only.push(args[++i]);
    } else if (args[i].startsWith('-')) {
      usage(`unknown option ${args[i]}`);
    } else if (positional++ === 0) {
      outputDir = args[i];
    } else {
      usage(`unexpected argument ${args[i]}`);
    }
  }
}
const root = path.resolve(outputDir);
if (!existsSync(path.join(root, 'index.html'))) usage(`${root}/index.html not found: build the site first`);

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    for (const name of ['chromium', 'chromium-browser']) {
      const p = path.join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  usage('Chromium not found: set CHROMIUM or install the Debian package chromium');
}
const chromiumPath = findChromium();

// ---------------------------------------------------------------- the pages

function htmlFiles(dir, rel = '') {
  const out = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...htmlFiles(dir, r));
    else if (entry.isFile() && entry.name.endsWith('.html')) out.push(r);
  }
  return out;
}
const allFiles = htmlFiles(root).sort();
const files = only.length ? allFiles.filter((f) => only.some((o) => f.includes(o))) : allFiles;

// The site is served under the path of its base URL (from the start page's
// canonical link), so the absolute links of the 404 page work as deployed.
const basePath = (() => {
  const m = readFileSync(path.join(root, 'index.html'), 'utf8').match(/<link\s+rel="canonical"\s+href="([^"]*)"/);
  if (!m) return '/';
  let p = new URL(m[1]).pathname;
  if (!p.endsWith('/')) p += '/';
  return p;
})();

// ---------------------------------------------------------------- the server

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript',
  '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8', '.pdf': 'application/pdf', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.svg': 'image/svg+xml', '.webp': 'image/webp',
  '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.atom': 'application/atom+xml',
  '.rss': 'application/rss+xml', '.gz': 'application/gzip', '.zip': 'application/zip',
};

/** The file a site path maps to, or null (outside the base path or the folder). */
function fileOfPath(urlPath) {
  if (!urlPath.startsWith(basePath)) return null;
  let rel;
  try { rel = decodeURIComponent(urlPath.slice(basePath.length)); } catch { return null; }
  const file = path.resolve(root, rel);
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  return file;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  let file = fileOfPath(url.pathname);
  if (url.pathname === AXE_PATH) {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'max-age=3600' }).end(AXE_SOURCE);
    return;
  }
  if (url.pathname === '/favicon.ico' && !(file && existsSync(file))) {
    // Chromium asks the host's root for an icon; that is the web server's, not the site's.
    res.writeHead(204).end();
    return;
  }
  let status = 200;
  try {
    if (file && statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { Location: `${url.pathname}/` }).end();
        return;
      }
      file = path.join(file, 'index.html');
    }
    if (!file || !statSync(file).isFile()) throw new Error('missing');
  } catch {
    file = path.join(root, '404.html');
    status = 404;
  }
  try {
    const body = await readFile(file);
    res.writeHead(status, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const urlOf = (file) => `${origin}${basePath}${file.replace(/(^|\/)index\.html$/, '$1')}`;

// ---------------------------------------------------------------- in-page code

/** Everything a page says about itself; runs in the page. */
function pageFacts() {
  const links = [...document.querySelectorAll('a[href]')];
  const main = document.querySelectorAll('main, [role="main"]');
  return {
    title: document.title,
    mains: main.length,
    h1: document.querySelectorAll('h1').length,
    links: links.map((a) => a.href),
    mainText: main.length ? main[0].innerText.replace(/\s+/g, ' ').trim() : '',
    refs: [...document.querySelectorAll('link[href], img[src], script[src], source[src], iframe[src]')]
      .map((e) => e.href || e.src),
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    names: [...document.querySelectorAll('a[name]')].map((e) => e.name),
    scripts: document.querySelectorAll('script').length,
    nojsNote: (document.getElementById('search-nojs')?.textContent || '').replace(/\s+/g, ' ').trim(),
    scriptSources: [...document.querySelectorAll('script')].map((s) => s.getAttribute('src') || '(inline)'),
    handlers: [...document.querySelectorAll('*')].flatMap((e) =>
      [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.localName}[${a.name}]`)),
    jsUrls: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
      .filter((e) => ['href', 'src', 'action', 'formaction'].some((n) => /^\s*javascript:/i.test(e.getAttribute(n) || '')))
      .map((e) => e.outerHTML.slice(0, 120)),
  };
}

/** Marks the focusable elements and returns their description and style unfocused. */
function focusSetup() {
  const SELECTOR = 'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable]';
  // Elements that are not rendered (display: none, visibility: hidden) cannot take focus.
  const els = [...document.querySelectorAll(SELECTOR)]
    .filter((e) => !e.disabled && !e.closest('[inert]') && e.checkVisibility({ visibilityProperty: true }));
  window.__focusables = els;
  if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
  const describe = (e) => {
    const id = e.id ? `#${e.id}` : '';
    const cls = e.classList.length ? `.${[...e.classList].join('.')}` : '';
    const text = (e.innerText || e.value || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `${e.localName}${id}${cls}${text ? ` "${text}"` : ''}`;
  };
  window.__focusStyle = (e) => {
    const s = getComputedStyle(e);
    return {
      outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor,
      outlineOffset: s.outlineOffset, boxShadow: s.boxShadow,
    };
  };
  return els.map((e, i) => ({
    i,
    desc: describe(e),
    tabindex: e.getAttribute('tabindex'),
    tabbable: e.tabIndex >= 0,
    fragmentLinks: e.id
      ? [...document.querySelectorAll('a[href]')].filter((a) => a.getAttribute('href') === `#${e.id}`)
        .map((a) => els.indexOf(a)).filter((k) => k >= 0)
      : [],
    before: window.__focusStyle(e),
  }));
}

/** The focused element's index, style and place; runs in the page. */
function focusNow() {
  const e = document.activeElement;
  const i = window.__focusables.indexOf(e);
  if (i < 0) return { i, tag: e ? e.localName : null };
  const r = e.getBoundingClientRect();
  const inView = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 &&
    r.top < innerHeight && r.left < innerWidth;
  return { i, style: window.__focusStyle(e), inView };
}

// ---------------------------------------------------------------- node-side helpers

const transparent = (c) => /^transparent$|rgba\([^)]*,\s*0\)$/.test(c.replace(/\s+/g, ' '));
const outlineShown = (s) => s.outlineStyle !== 'none' && s.outlineStyle !== 'hidden' && s.outlineWidth > 0 &&
  !transparent(s.outlineColor);
function focusVisible(before, after) {
  const outlineChanged = ['outlineStyle', 'outlineWidth', 'outlineColor', 'outlineOffset'].some((k) => before[k] !== after[k]);
  const outline = outlineShown(after) && (!outlineShown(before) || outlineChanged);
  const shadow = after.boxShadow !== 'none' && after.boxShadow !== before.boxShadow;
  return outline || shadow;
}

const failures = [];
const failedFiles = new Set();
function fail(file, check, message) {
  failures.push({ file, check, message });
  failedFiles.add(file);
  console.log(`FAIL ${file} [${check}] ${message}`);
}

// ---------------------------------------------------------------- the checks

async function checkAxe(page, file, width) {
  // axe comes from the local server as a script file, so Chromium caches its compiled code.
  await page.addScriptTag({ url: `${origin}${AXE_PATH}` });
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary, html: n.html })),
    }));
  }, AXE_TAGS);
  for (const v of result) {
    for (const n of v.nodes) {
      fail(file, 'axe', `${v.id} (${v.impact}) at ${width} px: ${v.help}\n    target: ${n.target}\n    html: ${n.html.slice(0, 200)}\n    ${(n.summary || '').replace(/\n/g, '\n    ')}`);
    }
  }
}

async function checkFocus(page, file) {
  const els = await page.evaluate(focusSetup);
  const tabbable = els.filter((e) => e.tabbable);
  const reached = new Set();
  const bad = [];
  // Tab from the top of the page through every tabbable element, as a keyboard user does.
  for (let presses = 0; presses <= tabbable.length + 2; presses++) {
    await page.keyboard.press('Tab');
    const now = await page.evaluate(focusNow);
    if (now.i < 0 || reached.has(now.i)) break;
    reached.add(now.i);
    const el = els[now.i];
    if (!focusVisible(el.before, now.style)) bad.push(`${el.desc}: no visible focus style (outline ${now.style.outlineStyle} ${now.style.outlineWidth}px ${now.style.outlineColor}, box-shadow ${now.style.boxShadow})`);
    else if (!now.inView) bad.push(`${el.desc}: focused but outside the viewport`);
  }
  for (const el of tabbable) if (!reached.has(el.i)) bad.push(`${el.desc}: not reached with the Tab key`);
  // tabindex=-1 targets of in-page links (the skip link's main): follow the link with Enter.
  for (const el of els.filter((e) => !e.tabbable)) {
    if (!el.fragmentLinks.length) continue;
    await page.evaluate((k) => window.__focusables[k].focus(), el.fragmentLinks[0]);
    await page.keyboard.press('Enter');
    const now = await page.evaluate(focusNow);
    if (now.i !== el.i) bad.push(`${el.desc}: not focused when its link ${els[el.fragmentLinks[0]].desc} is followed`);
    else if (!focusVisible(el.before, now.style)) bad.push(`${el.desc}: no visible focus style when reached through ${els[el.fragmentLinks[0]].desc} (outline ${now.style.outlineStyle} ${now.style.outlineWidth}px, box-shadow ${now.style.boxShadow})`);
  }
  for (const b of bad) fail(file, 'focus', b);
}

async function checkPrint(page, file) {
  await page.emulateMedia({ media: 'print' });
  const shown = await page.evaluate(() => {
    const hidden = (e) => !e.checkVisibility({ visibilityProperty: true });
    const navs = [...document.querySelectorAll('nav, [role="navigation"], .breadcrumbs, .skip-link')];
    return navs.filter((e) => !hidden(e)).map((e) => e.outerHTML.slice(0, 100));
  });
  await page.emulateMedia({ media: null });
  for (const s of shown) fail(file, 'print', `navigation shown in print: ${s}`);
}

// The board's notices: the table above the breakpoint, the same facts as
// cards below it (the cards must hold every fact of their row, readable).
const BOARD_PAGE = 'anslagstavla/index.html';
async function checkBoardFacts(page, file, width) {
  if (file !== BOARD_PAGE) return;
  const r = await page.evaluate(() => {
    const shown = (e) => {
      if (!e) return false;
      const st = getComputedStyle(e);
      const b = e.getBoundingClientRect();
      return st.display !== 'none' && st.visibility !== 'hidden' && b.width > 0 && b.height > 0;
    };
    const rows = [...document.querySelectorAll('table.board tbody tr')];
    const cards = [...document.querySelectorAll('.board-cards > li')];
    const out = { rows: rows.length, cards: cards.length, table: shown(document.querySelector('table.board')), cardsShown: cards.filter(shown).length, missing: [] };
    rows.forEach((row, i) => {
      const card = cards[i];
      if (!card) return;
      const b = card.getBoundingClientRect();
      const text = card.innerText.replace(/\s+/g, ' ');
      // Each cell's facts (its link to the proof is compared by address).
      const cellText = (c) => {
        const copy = c.cloneNode(true);
        copy.querySelectorAll('a.proof').forEach((a) => a.remove());
        return copy.textContent.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
      };
      const facts = [...row.querySelectorAll('th, td')].map(cellText).filter(Boolean);
      for (const f of facts) if (!text.includes(f)) out.missing.push(`notice ${i + 1}: "${f}" not in its card`);
      const hrefs = (e) => new Set([...e.querySelectorAll('a')].map((a) => a.href));
      const cardLinks = hrefs(card);
      for (const h of hrefs(row)) if (!cardLinks.has(h)) out.missing.push(`notice ${i + 1}: its card has no link to ${h}`);
      if (shown(card) && (b.left < -0.5 || b.right > innerWidth + 0.5)) out.missing.push(`notice ${i + 1}: card outside the viewport (${Math.round(b.left)}–${Math.round(b.right)} px)`);
      for (const e of card.querySelectorAll('dt, dd, h3')) {
        const eb = e.getBoundingClientRect();
        if (shown(card) && eb.right > innerWidth + 0.5) out.missing.push(`notice ${i + 1}: "${e.textContent.trim()}" runs past the viewport`);
      }
    });
    return out;
  });
  if (r.rows !== r.cards) fail(file, 'board', `${r.rows} notices in the table, ${r.cards} cards`);
  for (const m of r.missing) fail(file, 'board', m);
  if (width <= 400) {
    if (r.table) fail(file, 'board', `the table is displayed at ${width} px`);
    if (r.cardsShown !== r.cards) fail(file, 'board', `${r.cards - r.cardsShown} of ${r.cards} cards not displayed at ${width} px`);
  } else {
    if (r.rows && !r.table) fail(file, 'board', `the table is not displayed at ${width} px`);
    if (r.cardsShown) fail(file, 'board', `${r.cardsShown} cards displayed beside the table at ${width} px`);
  }
  if (!failedFiles.has(file)) console.log(`ok   ${file}: ${r.rows} protocol notices, every fact shown at ${width} px`);
}

async function checkReflow(page, file) {
  const r = await page.evaluate(() => {
    const de = document.documentElement;
    const wide = [...document.body.querySelectorAll('*')].filter((e) => {
      const b = e.getBoundingClientRect();
      return b.right > innerWidth + 0.5 && !e.closest('.table-wrap, pre');
    }).slice(0, 3).map((e) => e.outerHTML.slice(0, 100));
    return { scrollWidth: de.scrollWidth, innerWidth, wide };
  });
  if (r.scrollWidth > r.innerWidth) {
    fail(file, 'reflow', `horizontal scrolling at ${NARROW.width} px: scrollWidth ${r.scrollWidth} > ${r.innerWidth}${r.wide.length ? `; too wide: ${r.wide.join(' | ')}` : ''}`);
  }
}

// The one page with a script: the search page (Pagefind answers in the
// browser). Without JavaScript it shows a note and the link to the register
// instead of the form, so its main text differs by design; what must hold is
// checked in checkSearch.
const SEARCH_PAGE = 'sok/index.html';

function checkNoJs(file, withJs, withoutJs) {
  if (file === SEARCH_PAGE) {
    if (withoutJs.mains !== 1 || withoutJs.h1 !== 1) fail(file, 'nojs', 'landmarks or h1 differ without JavaScript');
    if (!withoutJs.links.some((l) => l.includes('/register/'))) fail(file, 'nojs', 'no link to the register without JavaScript');
    if (!withoutJs.mainText.includes(withoutJs.nojsNote || '\u0000')) fail(file, 'nojs', 'the note on JavaScript is not shown');
    return;
  }
  if (withoutJs.mains !== 1) fail(file, 'nojs', `${withoutJs.mains} main landmarks without JavaScript (want 1)`);
  if (withoutJs.h1 !== 1) fail(file, 'nojs', `${withoutJs.h1} h1 without JavaScript (want 1)`);
  if (!withoutJs.title) fail(file, 'nojs', 'no title without JavaScript');
  if (withoutJs.links.length !== withJs.links.length) {
    fail(file, 'nojs', `${withoutJs.links.length} links without JavaScript, ${withJs.links.length} with`);
  }
  if (!withoutJs.mainText || withoutJs.mainText !== withJs.mainText) fail(file, 'nojs', 'the main content differs without JavaScript');
}

function checkScript(file, facts) {
  const allowed = file === SEARCH_PAGE && facts.scripts === 1 && /(^|\/)sok\.js$/.test(facts.scriptSources[0]);
  if (facts.scripts && !allowed) fail(file, 'script', `${facts.scripts} <script> element(s): ${facts.scriptSources.join(', ')}`);
  for (const h of facts.handlers) fail(file, 'script', `event handler attribute ${h}`);
  for (const j of facts.jsUrls) fail(file, 'script', `javascript: URL in ${j}`);
}

// A page as a resident meets it once its scripts have run: the search page
// shows its form when the index has loaded (and says so if it cannot).
async function settled(page, file) {
  if (file !== SEARCH_PAGE) return;
  await page.waitForFunction(
    () => !document.getElementById('search-form').hidden || document.getElementById('search-status').textContent !== '',
    null,
    { timeout: 15000 },
  );
}

// The search works in a real browser: the form shows, a query finds pages
// of the site (Pagefind's index and script load from the site itself), a
// filter narrows, and axe finds nothing in the page with its results.
async function checkSearch() {
  const file = SEARCH_PAGE;
  const word = process.env.SEARCH_WORD || 'budget';
  const ctx = await browser.newContext({ viewport: WIDE, serviceWorkers: 'block', locale: 'sv-SE' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => fail(file, 'search', `page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') fail(file, 'search', `console error: ${m.text()}`); });
  try {
    await page.goto(`${urlOf(file)}?q=${encodeURIComponent(word)}`, { waitUntil: 'load' });
    await page.waitForSelector('#search-results li a', { timeout: 15000 });
    const found = await page.$$eval('#search-results li a', (as) => as.map((a) => [a.href, a.textContent]));
    if (await page.isHidden('#search-form')) fail(file, 'search', 'the form is hidden with JavaScript');
    if (!(await page.isHidden('#search-nojs'))) fail(file, 'search', 'the note on JavaScript shows with JavaScript');
    for (const [href] of found) {
      const target = fileOfPath(new URL(href).pathname);
      if (!target || !existsSync(path.join(target, 'index.html'))) fail(file, 'search', `result ${href} is not a page of the site`);
    }
    // The site's index is one per year, merged in the browser: the word
    // (found in several years of the example) is found in each index.
    const indexes = JSON.parse(readFileSync(path.join(root, 'pagefind', 'indexes.json'), 'utf8'));
    const foundYears = new Set(found.map(([href]) => (new URL(href).pathname.match(/\/(\d{4})-\d\d-\d\d/) || [])[1]).filter(Boolean));
    if (indexes.length > 1 && foundYears.size < 2) fail(file, 'search', `"${word}" found only in ${[...foundYears].join(', ') || 'no year'} of ${indexes.length} indexes`);
    await checkAxe(page, `${file}?q=${word}`, WIDE.width);
    // A filter by year narrows the results to that year's pages (or none).
    const years = await page.$$eval('#search-year option', (os) => os.map((o) => o.value).filter(Boolean));
    if (years.length) {
      await page.selectOption('#search-year', years[years.length - 1]);
      await page.click('#search-form button[type=submit]');
      await page.waitForFunction(() => !document.getElementById('search-status').textContent.includes('…'), null, { timeout: 15000 });
      const filtered = await page.$$eval('#search-results li a', (as) => as.length);
      if (filtered > found.length) fail(file, 'search', `the year filter gave more results (${filtered}) than none (${found.length})`);
    }
    console.log(`ok   ${file}: "${word}" found ${found.length} pages`);
  } catch (e) {
    fail(file, 'search', `the search did not work: ${e.message.split('\n')[0]}`);
  } finally {
    await ctx.close();
  }
}

const idsOf = new Map(); // file → Set of ids and anchor names
const linksOf = new Map(); // file → [absolute URL]

function checkLinks() {
  for (const [file, urls] of linksOf) {
    const seen = new Set();
    for (const raw of urls) {
      const u = new URL(raw);
      if (u.origin !== origin || seen.has(raw)) continue;
      seen.add(raw);
      let target = fileOfPath(u.pathname);
      if (!target) { fail(file, 'links', `${raw.slice(origin.length)}: outside the site`); continue; }
      let stat = null;
      try { stat = statSync(target); } catch { /* missing */ }
      if (stat && stat.isDirectory()) {
        if (!u.pathname.endsWith('/')) { fail(file, 'links', `${raw.slice(origin.length)}: a folder, without the trailing /`); continue; }
        target = path.join(target, 'index.html');
        try { stat = statSync(target); } catch { stat = null; }
      }
      if (!stat || !stat.isFile()) { fail(file, 'links', `${raw.slice(origin.length)}: no such file`); continue; }
      if (u.hash.length > 1 && target.endsWith('.html')) {
        const ids = idsOf.get(path.relative(root, target).split(path.sep).join('/'));
        const id = decodeURIComponent(u.hash.slice(1));
        if (ids && !ids.has(id)) fail(file, 'links', `${raw.slice(origin.length)}: no element with id "${id}"`);
      }
    }
  }
}

// ---------------------------------------------------------------- main

const started = performance.now();
let browser = null;
let exitCode = 0;
try {
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  const version = browser.version();
  console.log(`browser-check: ${files.length} pages from ${root} at ${origin}${basePath}, Chromium ${version}, axe-core ${require('axe-core/package.json').version}`);
  const shots = [
    ['board', 'anslagstavla/index.html'],
    ['paragraph', files.includes('kommunstyrelsen/2026-11-09/1/index.html')
      ? 'kommunstyrelsen/2026-11-09/1/index.html'
      : files.find((f) => /^[^/]+\/\d{4}-\d\d-\d\d[^/]*\/\d+\/index\.html$/.test(f))],
  ];
  for (const [what, file] of shots) if (!only.length && (!file || !files.includes(file))) fail(file || what, 'screenshot', `no ${what} page to photograph`);
  const shotOf = new Map(shots.filter(([, f]) => f).map(([what, f]) => [f, what]));
  if (shotOf.size) mkdirSync(shotDir, { recursive: true });

  // A few workers share the one browser; each has a wide, a narrow and a
  // JavaScript-less page of its own, reused from page to page.
  const ctxOptions = { reducedMotion: 'reduce', serviceWorkers: 'block', locale: 'sv-SE', timezoneId: 'Europe/Stockholm' };
  const contexts = [];
  const queue = [...files];
  async function worker() {
    const wideCtx = await browser.newContext({ ...ctxOptions, viewport: WIDE });
    const narrowCtx = await browser.newContext({ ...ctxOptions, viewport: NARROW });
    const noJsCtx = await browser.newContext({ ...ctxOptions, viewport: WIDE, javaScriptEnabled: false });
    contexts.push(wideCtx, narrowCtx, noJsCtx);
    const wide = await wideCtx.newPage();
    const narrow = await narrowCtx.newPage();
    const noJs = await noJsCtx.newPage();
    let current = '';
    for (const [name, page] of [['wide', wide], ['narrow', narrow], ['nojs', noJs]]) {
      page.on('requestfailed', (r) => fail(current, 'load', `${name}: request failed: ${r.url()} (${r.failure()?.errorText})`));
      page.on('response', (r) => {
        const expected404 = current === '404.html' && r.url() === urlOf('404.html');
        if (r.status() >= 400 && !expected404) fail(current, 'load', `${name}: HTTP ${r.status()} for ${r.url()}`);
      });
      page.on('request', (r) => {
        if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) fail(current, 'load', `${name}: request off the local server: ${r.url()}`);
      });
      page.on('console', (m) => { if (m.type() === 'error') fail(current, 'load', `${name}: console error: ${m.text()}`); });
      page.on('pageerror', (e) => fail(current, 'load', `${name}: page error: ${e.message}`));
    }
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      current = file;
      const t0 = performance.now();
      const url = urlOf(file);
      try {
        // wide (1280 px), JavaScript on: facts, script, axe, print, focus
        await wide.goto(url, { waitUntil: 'load' });
        await settled(wide, file);
        const facts = await wide.evaluate(pageFacts);
        idsOf.set(file, new Set([...facts.ids, ...facts.names]));
        linksOf.set(file, [...facts.links, ...facts.refs]);
        checkScript(file, facts);
        await checkAxe(wide, file, WIDE.width);
        await checkBoardFacts(wide, file, WIDE.width);
        await checkPrint(wide, file);
        if (shotOf.has(file)) await wide.screenshot({ path: path.join(shotDir, `${shotOf.get(file)}-${WIDE.width}.png`), fullPage: true });
        await checkFocus(wide, file);
        // narrow (320 px): reflow, axe again (the layout differs)
        await narrow.goto(url, { waitUntil: 'load' });
        await settled(narrow, file);
        await checkReflow(narrow, file);
        await checkBoardFacts(narrow, file, NARROW.width);
        await checkAxe(narrow, file, NARROW.width);
        if (shotOf.has(file)) await narrow.screenshot({ path: path.join(shotDir, `${shotOf.get(file)}-${NARROW.width}.png`), fullPage: true });
        // JavaScript off: the same page
        await noJs.goto(url, { waitUntil: 'load' });
        checkNoJs(file, facts, await noJs.evaluate(pageFacts));
      } catch (e) {
        fail(file, 'run', `could not check: ${e.message.split('\n')[0]}`);
      }
      const ms = Math.round(performance.now() - t0);
      if (!failedFiles.has(file)) console.log(`ok   ${file} (${ms} ms)`);
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(JOBS, files.length)) }, worker));
  checkLinks();
  if (files.includes(SEARCH_PAGE)) await checkSearch();
  await Promise.all(contexts.map((c) => c.close()));
} catch (e) {
  console.error(`browser-check: ${e.stack || e}`);
  exitCode = 2;
} finally {
  if (browser) await browser.close();
  server.close();
}

const failedChecks = new Set(failures.map((f) => `${f.file}\u0000${f.check}`)).size;
const secs = ((performance.now() - started) / 1000).toFixed(1);
if (failures.length) {
  const byRule = new Map();
  for (const f of failures) {
    const key = f.check === 'axe' ? `axe ${f.message.split(' ')[0]}` : f.check;
    byRule.set(key, (byRule.get(key) || 0) + 1);
  }
  console.log(`\nproblems by check: ${[...byRule].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
}
if (exitCode) console.log(`${files.length} pages: the browser check could not run (see above)`);
else console.log(`${files.length} pages, ${failedChecks} checks failed (${failures.length} problems) in ${secs} s; screenshots in ${shotDir}/`);
process.exit(exitCode || (failures.length ? 1 : 0));
