// The search page: asks the Pagefind index (built by `anslag build`) and
// lists the results. Without JavaScript the form stays hidden and the page
// points to the register instead.
const form = document.getElementById("search-form");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const nojs = document.getElementById("search-nojs");
const field = (id) => document.getElementById(id);

// Pagefind marks the words found with <mark>; everything else is text
// (entities decoded by a textarea, which keeps white space and runs nothing).
function decode(html) {
  const t = document.createElement("textarea");
  t.innerHTML = html;
  return t.value;
}

function excerpt(html) {
  const p = document.createElement("p");
  html.split(/(<mark>.*?<\/mark>)/).forEach((part) => {
    const m = part.match(/^<mark>(.*)<\/mark>$/);
    p.append(m ? Object.assign(document.createElement("mark"), { textContent: decode(m[1]) }) : decode(part));
  });
  return p;
}

async function run(pagefind, merged) {
  const q = field("search-q").value.trim();
  const filters = {};
  if (field("search-body").value) filters.organ = field("search-body").value;
  if (field("search-year").value) filters.ar = field("search-year").value;
  const params = new URLSearchParams();
  if (q) params.set("q", q);
  if (filters.organ) params.set("organ", filters.organ);
  if (filters.ar) params.set("ar", filters.ar);
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  list.replaceChildren();
  if (!q) {
    status.textContent = "";
    return;
  }
  if (!pagefind) {
    // A site without anything to find yet.
    status.textContent = form.dataset.none;
    return;
  }
  status.textContent = form.dataset.loading;
  await merged;
  const search = await pagefind.search(q, { filters });
  const results = await Promise.all(search.results.slice(0, 50).map((r) => r.data()));
  for (const r of results) {
    const li = document.createElement("li");
    const h = document.createElement("h3");
    const a = Object.assign(document.createElement("a"), { href: r.url, textContent: r.meta.title });
    h.append(a);
    li.append(h, excerpt(r.excerpt));
    list.append(li);
  }
  status.textContent = search.results.length
    ? `${form.dataset.count} ${search.results.length}`
    : form.dataset.none;
}

async function start() {
  let pagefind;
  let merged = Promise.resolve();
  try {
    // The site's indexes (one per year, the newest year one per quarter,
    // newest first) are listed in
    // indexes.json: the first is loaded, the others merged into it. Paths
    // are relative to the page, not to this script.
    const base = new URL(form.dataset.index, document.baseURI);
    const response = await fetch(new URL("indexes.json", base));
    if (!response.ok) throw new Error(response.statusText);
    const [first, ...others] = (await response.json()).map((name) => new URL(name, base));
    // Result addresses are kept from the site's root; where the root is
    // depends on where the site is served.
    const root = new URL(form.dataset.root, document.baseURI).pathname;
    if (first) {
      pagefind = await import(new URL("pagefind.js", first).href);
      await pagefind.options({ excerptLength: 30, baseUrl: root });
      // The form shows now; a search waits until the others are merged.
      merged = (async () => {
        for (const index of others) await pagefind.mergeIndex(index.pathname, { excerptLength: 30, baseUrl: root });
      })();
    }
  } catch {
    status.textContent = form.dataset.failed;
    return;
  }
  nojs.hidden = true;
  form.hidden = false;
  const params = new URLSearchParams(location.search);
  field("search-q").value = params.get("q") ?? "";
  field("search-body").value = params.get("organ") ?? "";
  field("search-year").value = params.get("ar") ?? "";
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run(pagefind, merged).catch(() => (status.textContent = form.dataset.failed));
  });
  if (params.get("q")) run(pagefind, merged).catch(() => (status.textContent = form.dataset.failed));
}

start();
