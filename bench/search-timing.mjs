// Time to first results and bytes transferred, sentier's own search against Pagefind, in
// headless Chromium (Debian's, through playwright-core). Used by bench/search-compare.sh.
//
//   node bench/search-timing.mjs OWN_SITE_DIR PAGEFIND_SITE_DIR [RUNS]
//
// OWN_SITE_DIR is a built site; PAGEFIND_SITE_DIR a copy of it with a Pagefind bundle in
// pagefind/ (bench/pagefind-index.mjs). This script writes its Pagefind harness into the
// copy: /bench-pagefind/run.js (search, data() of the first 24 results, their titles into
// the page, performance.mark("pagefind-results")) loaded by
//   /bench-pagefind/         a minimal page that loads nothing else, and
//   /bench-pagefind-page/    the site's own search page with /search.js swapped for it
//                            (same HTML, CSS, Leaflet and map script as the own engine).
//
// Each site is served by a small static server that gzips .json/.js/.html/.css/.svg (level 6,
// compressed once and kept, as a CDN does) and sends Pagefind's files (already compressed)
// as they are. Every measurement is a new browser context (cold cache); the median of RUNS
// (default 5) is printed, after one unmeasured run per case to warm the server.
//
// Time: the mark's startTime, i.e. milliseconds from navigation start to the first results
// drawn. Bytes: what the server sent (status line, headers and body, compressed when
// gzipped) for the responses it had finished when the mark was set: the page reports the
// mark with a request to /__bench-mark, so the server's order decides (the timestamps of the
// page and of Pagefind's web worker are on different clocks). Playwright's request.sizes()
// (responseHeadersSize + responseBodySize) gives the same figures, except for the worker's
// own script, whose body it reports as 0 bytes; BENCH_DEBUG=1 lists both.
//
// BENCH_ONLY=REGEX measures only the pages whose path matches (and the word table if it
// matches "words"); BENCH_DEBUG=1 lists every request of every run on stderr.
import { createServer } from "node:http";
import { readFileSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { join, extname, normalize } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const [ownDir, pagefindDir, runsArg] = process.argv.slice(2);
if (!ownDir || !pagefindDir) {
  console.error("usage: node bench/search-timing.mjs OWN_SITE_DIR PAGEFIND_SITE_DIR [RUNS]");
  process.exit(2);
}
const RUNS = Number(runsArg || 5);
const PAGE_SIZE = 24;

// ---- the Pagefind harness ----
const HARNESS = `// Pagefind harness of bench/search-timing.mjs.
(async function () {
  var params = new URLSearchParams(location.search);
  var text = params.get("text") || null;
  var filters = {};
  params.forEach(function (value, key) {
    if (key !== "text" && key !== "all") {
      filters[key] = value.indexOf(",") >= 0 ? { any: value.split(",") } : value;
    }
  });
  var box = document.querySelector("[data-search-results]") || document.body;
  var count = document.querySelector("[data-search-count]");
  try {
    var pagefind = await import("/pagefind/pagefind.js");
    await pagefind.options({});
    var search = await pagefind.search(text, { filters: filters });
    var first = await Promise.all(search.results.slice(0, ${PAGE_SIZE}).map(function (r) { return r.data(); }));
    var list = document.createElement("ul");
    first.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = data.meta.title;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.textContent = "";
    box.appendChild(list);
    if (count) {
      count.textContent = String(search.results.length);
    }
    document.documentElement.setAttribute("data-bench-count", String(search.results.length));
    performance.mark("pagefind-results");
    if (params.has("all")) {
      // What a map of the current results would need: every result's data (its position).
      var all = await Promise.all(search.results.map(function (r) { return r.data(); }));
      document.documentElement.setAttribute("data-bench-all", String(all.length));
      performance.mark("pagefind-all-data");
    }
  } catch (error) {
    document.documentElement.setAttribute("data-bench-failed", String(error));
  }
})();
`;
mkdirSync(join(pagefindDir, "bench-pagefind"), { recursive: true });
writeFileSync(join(pagefindDir, "bench-pagefind", "run.js"), HARNESS);
writeFileSync(join(pagefindDir, "bench-pagefind", "index.html"), `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Pagefind harness</title></head>
<body><p><span data-search-count></span> résultats</p><div data-search-results></div>
<script src="/bench-pagefind/run.js"></script>
</body>
</html>
`);
const searchPage = readFileSync(join(pagefindDir, "search", "index.html"), "utf8");
// search.js under its fingerprinted name.
const searchScript = /src="\/assets\/search\.[0-9a-f]+\.js"/;
if (!searchScript.test(searchPage)) {
  throw new Error("search/index.html does not load search.js");
}
mkdirSync(join(pagefindDir, "bench-pagefind-page"), { recursive: true });
writeFileSync(join(pagefindDir, "bench-pagefind-page", "index.html"),
  searchPage.replace(searchScript, 'src="/bench-pagefind/run.js"'));

// ---- the static server ----
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp",
  ".wasm": "application/wasm", ".xml": "application/xml", ".txt": "text/plain",
};
const GZIP = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg"]);

function serve(root) {
  const gzipped = new Map();
  // The responses sent, in the order they were finished ({url, bytes}: status line, headers
  // and body as sent), and the mark beacons ({url, beacon}).
  const log = [];
  const server = createServer((request, response) => {
    if (request.url.startsWith("/__bench-mark?")) {
      log.push({ url: request.url, beacon: true });
      response.writeHead(204);
      response.end();
      return;
    }
    let bodyBytes = 0;
    response.on("finish", () => {
      // _header: the status line and headers exactly as Node wrote them.
      log.push({ url: request.url, bytes: Buffer.byteLength(response._header || "") + bodyBytes });
    });
    let path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    path = normalize(path).replace(/^(\.\.[/\\])+/, "");
    let file = join(root, path);
    try {
      if (statSync(file).isDirectory()) {
        file = join(file, "index.html");
      }
      const ext = extname(file);
      const headers = { "Content-Type": TYPES[ext] || "application/octet-stream" };
      let body;
      if (GZIP.has(ext) && /\bgzip\b/.test(request.headers["accept-encoding"] || "")) {
        if (!gzipped.has(file)) {
          gzipped.set(file, gzipSync(readFileSync(file), { level: 6 }));
        }
        body = gzipped.get(file);
        headers["Content-Encoding"] = "gzip";
        headers["Vary"] = "Accept-Encoding";
      } else {
        body = readFileSync(file);
      }
      headers["Content-Length"] = body.length;
      bodyBytes = body.length;
      response.writeHead(200, headers);
      response.end(body);
    } catch (error) {
      console.error(`${request.url}: ${error.code || error}`);
      bodyBytes = 9;
      response.writeHead(404, { "Content-Type": "text/plain", "Content-Length": bodyBytes });
      response.end("not found");
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    resolve({ server, log, base: `http://127.0.0.1:${server.address().port}` });
  }));
}

const own = await serve(ownDir);
const pf = await serve(pagefindDir);

// ---- measuring ----
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run"],
});

// In the page, before any script: a mark when the map shows its markers (map.js writes
// data-markers-shown), and, when any mark of the bench is set, a request to /__bench-mark so
// that the server knows which responses it had sent by then.
function pageProbe() {
  new MutationObserver(function (changes, observer) {
    var map = document.getElementById("map");
    if (map && map.hasAttribute("data-markers-shown")) {
      performance.mark("bench-markers");
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-markers-shown"] });
  var names = ["sentier-search-results", "pagefind-results", "pagefind-all-data", "bench-markers"];
  new PerformanceObserver(function (list) {
    list.getEntries().forEach(function (entry) {
      if (names.indexOf(entry.name) >= 0) {
        fetch("/__bench-mark?" + entry.name, { cache: "no-store" });
      }
    });
  }).observe({ type: "mark" });
}

async function measureOnce(site, path, mark, searchPrefix) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.route((url) => !url.href.startsWith(site.base), (route) => route.abort());
  await context.addInitScript(pageProbe);
  // Playwright's view of the sizes, for BENCH_DEBUG only.
  const finished = [];
  if (process.env.BENCH_DEBUG) {
    context.on("requestfinished", (request) => {
      finished.push((async () => {
        const sizes = await request.sizes();
        const url = new URL(request.url());
        return { url: url.pathname + url.search, bytes: sizes.responseBodySize + sizes.responseHeadersSize };
      })());
    });
  }
  site.log.length = 0;
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  const failed = [];
  context.on("requestfailed", (request) => {
    if (request.url().startsWith(site.base)) {
      failed.push(`${new URL(request.url()).pathname}: ${request.failure()?.errorText}`);
    }
  });
  await page.goto(site.base + path, { waitUntil: "commit" });
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0 ||
    document.documentElement.hasAttribute("data-bench-failed") ||
    document.querySelector("[data-search-failed]"), mark, { timeout: 300000, polling: 10 });
  const seen = await page.evaluate((mark) => {
    const entry = performance.getEntriesByName(mark)[0];
    const count = document.documentElement.getAttribute("data-bench-count") ||
      document.querySelector("[data-search-count]")?.textContent;
    return {
      failed: document.documentElement.getAttribute("data-bench-failed") ||
        document.querySelector("[data-search-failed]")?.getAttribute("data-search-failed"),
      ms: entry && entry.startTime,
      count,
      shown: document.querySelectorAll("[data-search-results] a").length,
    };
  }, mark);
  if (seen.failed || errors.length) {
    throw new Error(`${path}: ${seen.failed || errors.join("; ")}` +
      (failed.length ? `; ${failed.length} requests failed, the first: ${failed[0]}` : ""));
  }
  // The responses the server had finished sending when the mark's beacon reached it.
  const beacon = "/__bench-mark?" + mark;
  const beaconAt = () => site.log.findIndex((entry) => entry.url === beacon);
  for (let waited = 0; beaconAt() < 0; waited += 20) {
    if (waited > 10000) {
      throw new Error(`${path}: no ${beacon} at the server`);
    }
    await page.waitForTimeout(20);
  }
  const requests = site.log.slice(0, beaconAt()).filter((entry) => !entry.beacon);
  if (process.env.BENCH_DEBUG) {
    await page.waitForTimeout(1000);
    const browserSizes = await Promise.all(finished);
    console.error(`${path}: mark ${mark} at ${seen.ms.toFixed(0)} ms; bytes sent, Playwright's sizes, url (* = after the mark)`);
    for (const entry of site.log.filter((e) => !e.beacon)) {
      const index = browserSizes.findIndex((r) => r.url === entry.url);
      const browser = index >= 0 ? browserSizes.splice(index, 1)[0].bytes : "-";
      console.error(`  ${String(entry.bytes).padStart(7)} ${String(browser).padStart(7)} ${requests.includes(entry) ? " " : "*"} ${entry.url}`);
    }
  }
  await context.close();
  const sum = (list) => list.reduce((total, r) => total + r.bytes, 0);
  const search = requests.filter((r) => searchPrefix.test(new URL(r.url, "http://x").pathname));
  return {
    ms: seen.ms, count: seen.count, shown: seen.shown,
    bytes: sum(requests), requests: requests.length,
    searchBytes: sum(search), searchRequests: search.length,
  };
}

const failures = [];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

async function measure(site, path, mark, searchPrefix) {
  if (process.env.BENCH_ONLY && !new RegExp(process.env.BENCH_ONLY).test(path)) {
    return null;
  }
  // A run whose page fails is run again (twice at most) and the failure reported.
  const attempt = async () => {
    for (let tries = 1; ; tries++) {
      try {
        return await measureOnce(site, path, mark, searchPrefix);
      } catch (error) {
        failures.push(String(error.message || error));
        if (tries === 3) {
          throw error;
        }
      }
    }
  };
  await attempt(); // warm the server and the disk cache
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await attempt());
  }
  const pick = (key) => median(runs.map((r) => r[key]));
  return {
    ms: pick("ms"), bytes: pick("bytes"), requests: pick("requests"),
    searchBytes: pick("searchBytes"), searchRequests: pick("searchRequests"),
    count: runs[0].count, shown: runs[0].shown,
    spread: [Math.min(...runs.map((r) => r.ms)), Math.max(...runs.map((r) => r.ms))],
  };
}

const OWN_SEARCH = /^\/([a-z]{2}\/)?search\/(index\.json|cards\/|text\/)|^\/search\.js$/;
const PF_SEARCH = /^\/pagefind\//;
const queries = [
  { name: "(a) practices=4", own: "?practices=4", pf: "?practices=4" },
  { name: "(b) text=lac", own: "?text=lac", pf: "?text=lac" },
  { name: "(c) text=etang & practices=4", own: "?practices=4&text=etang", pf: "?practices=4&text=etang" },
];

const rows = [];
for (const q of queries) {
  rows.push({ query: q.name, engine: "own index (search page)",
    ...await measure(own, "/search/" + q.own, "sentier-search-results", OWN_SEARCH) });
  rows.push({ query: q.name, engine: "Pagefind (minimal page)",
    ...await measure(pf, "/bench-pagefind/" + q.pf, "pagefind-results", PF_SEARCH) });
  rows.push({ query: q.name, engine: "Pagefind (search page)",
    ...await measure(pf, "/bench-pagefind-page/" + q.pf, "pagefind-results", PF_SEARCH) });
}
// The map of all results of (a).
rows.push({ query: "(a) map: all results", engine: "own index: markers drawn",
  ...await measure(own, "/search/?practices=4", "bench-markers", OWN_SEARCH) });
rows.push({ query: "(a) map: all results", engine: "Pagefind: data() of all",
  ...await measure(pf, "/bench-pagefind/?practices=4&all", "pagefind-all-data", PF_SEARCH) });

// How many results one word finds in each engine (fr): word matching, not speed.
const WORDS = ["lac", "lacs", "cascade", "cascades", "refuge", "refuges", "col", "etang"];
const words = [];
const facetCounts = {};
if (!process.env.BENCH_ONLY || new RegExp(process.env.BENCH_ONLY).test("words")) {
  const context = await browser.newContext();
  await context.route((url) => !url.href.startsWith(own.base) && !url.href.startsWith(pf.base), (route) => route.abort());
  const page = await context.newPage();
  for (const word of WORDS) {
    await page.goto(`${own.base}/search/?text=${encodeURIComponent(word)}`);
    await page.waitForFunction(() => {
      const root = document.querySelector("[data-search]");
      return root.getAttribute("data-search-rendered") === location.search && !root.hasAttribute("aria-busy");
    }, null, { timeout: 60000 });
    words.push({ word, own: await page.textContent("[data-search-count]") });
  }
  // Facet counts with one difficulty chosen: the own page counts each other difficulty as if
  // it were chosen instead (Geotrek-rando's counts); Pagefind returns counts within the results.
  await page.goto(`${own.base}/search/?difficulty=1`);
  await page.waitForFunction(() => {
    const root = document.querySelector("[data-search]");
    return root.getAttribute("data-search-rendered") === location.search && !root.hasAttribute("aria-busy");
  }, null, { timeout: 60000 });
  facetCounts.own = await page.evaluate(() => {
    const counts = {};
    document.querySelectorAll('[data-facet="difficulty"] [data-value][data-count]').forEach((node) => {
      counts[node.getAttribute("data-value")] = Number(node.getAttribute("data-count"));
    });
    return counts;
  });
  await page.goto(`${pf.base}/bench-pagefind/?text=lac`);
  await page.waitForFunction(() => performance.getEntriesByName("pagefind-results").length > 0, null, { timeout: 60000 });
  for (const row of words) {
    row.pagefind = await page.evaluate(async (word) => {
      const pagefind = await import("/pagefind/pagefind.js");
      return String((await pagefind.search(word)).results.length);
    }, row.word);
  }
  facetCounts.pagefind = await page.evaluate(async () => {
    const pagefind = await import("/pagefind/pagefind.js");
    return (await pagefind.search(null, { filters: { difficulty: "1" } })).filters.difficulty;
  });
  await context.close();
}

await browser.close();
own.server.close();
pf.server.close();

const kb = (bytes) => (bytes / 1024).toFixed(1);
const header = ["query", "engine", "results", "ms (median)", "ms min–max", "KiB total", "requests", "KiB search", "search req."];
const table = rows.filter((r) => r.ms !== undefined).map((r) => [r.query, r.engine, String(r.count), r.ms.toFixed(0),
  `${r.spread[0].toFixed(0)}–${r.spread[1].toFixed(0)}`, kb(r.bytes), String(r.requests),
  kb(r.searchBytes), String(r.searchRequests)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
console.log(`Time to first results and bytes before them, fr, cold cache, median of ${RUNS}`);
console.log(line(header));
for (const row of table) {
  console.log(line(row));
}
console.log("results: the engine's result count; KiB = status line + headers + body (compressed) sent by the server before the mark;");
console.log("search = own: /search.js and search/{index.json,cards/,text/}; Pagefind: /pagefind/.");
console.log(`runs that failed and were run again: ${failures.length}`);
for (const failure of failures) {
  console.log(`  ${failure}`);
}
if (words.length) {
  console.log("");
  console.log("Results of one word, fr: own index (search page count) / Pagefind (search().results.length)");
  console.log(words.map((w) => `${w.word}: ${w.own} / ${w.pagefind}`).join(", "));
}
if (facetCounts.own) {
  console.log("Counts of the difficulty values with difficulty=1 chosen, fr:");
  console.log(`  own index ${JSON.stringify(facetCounts.own)}; Pagefind ${JSON.stringify(facetCounts.pagefind)}`);
}
