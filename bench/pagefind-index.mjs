// Indexes the pages of a built sentier site with Pagefind's Node API, as custom records, so
// that Pagefind and sentier's own index search the same documents (used by
// bench/search-compare.sh).
//
//   PAGEFIND_MODULE=DIR/node_modules/pagefind/lib/index.js \
//     node bench/pagefind-index.mjs SITE_DIR OUTPUT_DIR
//
// The documents are those of each language's own index (SITE_DIR/search/index.json and
// SITE_DIR/LANG/search/index.json): every trek, service, outdoor site and event page. Per
// document: url, title and image from the own index's cards, its map position (meta.at,
// "lat,lng", from index.json), content = the text of the page's <main>,
// filters = its facet values from index.json (facet key → value ids; labels_exclude, the
// same values as labels, left out), language = the index's.
// Prints one JSON line: document counts and timings in milliseconds
// (read = reading and stripping the HTML, pagefind = createIndex → writeFiles done, total =
// both, cpu = CPU time of this process and of the Pagefind service binary it started).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { execSync } from "node:child_process";

const [site, output] = process.argv.slice(2);
if (!site || !output) {
  console.error("usage: node bench/pagefind-index.mjs SITE_DIR OUTPUT_DIR");
  process.exit(2);
}
const pagefind = await import(process.env.PAGEFIND_MODULE ? pathToFileURL(process.env.PAGEFIND_MODULE).href : "pagefind");

// sentier writes characters as they are, escaping only these (and numeric references); any
// other named reference is left as written.
const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
function decode(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

// The visible text of <main>: scripts, styles and inline drawings dropped, tags removed.
function mainText(html) {
  const main = /<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(html);
  const body = main ? main[1] : html;
  return decode(body
    .replace(/<(script|style|svg|template|noscript)\b[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " "))
    .replace(/\s+/g, " ")
    .trim();
}

// CPU time (user + system, all threads) of this process's children: the Pagefind service
// binary, which the API starts. Read from /proc (Linux) while it still runs.
function childrenCpuMs() {
  const tick = Number(execSync("getconf CLK_TCK").toString().trim()) || 100;
  let ms = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^[0-9]+$/.test(name))) {
    let stat;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue;
    }
    // After "pid (comm) ": state ppid ... utime stime cutime cstime (fields 14–17).
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(rest[1]) === process.pid) {
      ms += (Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])) * 1000 / tick;
    }
  }
  return ms;
}

const indexFiles = [join(site, "search", "index.json")];
for (const entry of readdirSync(site, { withFileTypes: true })) {
  const candidate = join(site, entry.name, "search", "index.json");
  if (entry.isDirectory() && existsSync(candidate)) {
    indexFiles.push(candidate);
  }
}

const started = performance.now();
const records = [];
const perLanguage = {};
for (const file of indexFiles) {
  const index = JSON.parse(readFileSync(file, "utf8"));
  const dir = join(file, "..");
  const chunks = {};
  perLanguage[index.lang] = 0;
  for (let doc = 0; doc < index.ids.length; doc++) {
    const n = Math.floor(doc / index.chunk);
    chunks[n] ??= JSON.parse(readFileSync(join(dir, "cards", `${n}.json`), "utf8"));
    const card = chunks[n][doc % index.chunk];
    if (!card.u.startsWith("/")) {
      continue; // an external link: no page on this site
    }
    const html = readFileSync(join(site, decodeURIComponent(card.u), "index.html"), "utf8");
    const filters = {};
    for (const facet of index.facets) {
      if (facet.key === "labels_exclude") {
        continue; // the same values as labels, offered for exclusion: not a property
      }
      const values = facet.docs[doc].map((v) => facet.values[v][0]);
      if (values.length) {
        filters[facet.key] = values;
      }
    }
    const meta = { title: card.n };
    if (card.i) {
      meta.image = card.i;
    }
    if (Array.isArray(index.at[doc])) {
      meta.at = index.at[doc].join(","); // what a map of the results would need
    }
    records.push({ url: card.u, content: mainText(html), language: index.lang, meta, filters });
    perLanguage[index.lang] += 1;
  }
}
const read = performance.now();

const { errors, index } = await pagefind.createIndex({});
if (errors.length) {
  throw new Error(errors.join("\n"));
}
// A few records in flight at a time, as an integration feeding Pagefind would.
const IN_FLIGHT = 32;
let next = 0;
async function worker() {
  while (next < records.length) {
    const record = records[next++];
    const response = await index.addCustomRecord(record);
    if (response.errors.length) {
      throw new Error(`${record.url}: ${response.errors.join("; ")}`);
    }
  }
}
await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
const written = await index.writeFiles({ outputPath: output });
if (written.errors.length) {
  throw new Error(written.errors.join("\n"));
}
const done = performance.now();
const cpu = process.cpuUsage();
const cpuMs = (cpu.user + cpu.system) / 1000 + childrenCpuMs();
await pagefind.close();
console.log(JSON.stringify({
  documents: records.length,
  per_language: perLanguage,
  read_ms: Math.round(read - started),
  pagefind_ms: Math.round(done - read),
  total_ms: Math.round(done - started),
  cpu_ms: Math.round(cpuMs),
}));
