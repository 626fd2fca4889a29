// Opens pages of a built site, served with the headers of netlify.toml, in headless Chromium
// (Debian's, through playwright-core) and reports, as JSON on stdout, every Content-Security-Policy
// violation, every script error, the policy each page was served with, and what its map and
// search show, so the test can tell that the pages work under the policy, not only that they
// break nothing.
//   node tests/browser/csp.mjs BASE_URL HOME_PATH TREK_PATH MAP_PATH SEARCH_PATH
import { launchChromium } from "./chromium.mjs";

const [base, homePath, trekPath, mapPath, searchPath] = process.argv.slice(2);
const browser = await launchChromium();

async function open(path) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors = [];
  const csp = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    const text = message.text();
    // Chromium reports a blocked load or inline code as a console error naming the policy.
    if (/Content.Security.Policy/i.test(text)) {
      csp.push(text);
    } else if (message.type() === "error" && !/Failed to load resource/.test(text)) {
      // Offline, tiles and photos cannot load; script errors are what matters.
      errors.push(text);
    }
  });
  // Injected by the browser itself, before the page's own code and outside its policy: it sees
  // every violation, including those of the first bytes parsed.
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__violations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
        `(${event.sourceFile || ""}:${event.lineNumber || 0}) ${event.sample || ""}`);
    }, true);
  });
  await page.route((url) => !url.href.startsWith(base), (route) => route.abort());
  const response = await page.goto(base + path, { waitUntil: "load" });
  return { page, errors, csp, policy: response.headers()["content-security-policy"] || null };
}

async function finish({ page, errors, csp, policy }, found) {
  // Violations are reported in a task after the blocked action: let them arrive.
  await page.waitForTimeout(200);
  const violations = await page.evaluate(() => window.__violations);
  const styled = await page.evaluate(() => {
    // style.css loaded and applied: the skip link is moved off screen by it only.
    const link = document.querySelector(".skip-link");
    return Boolean(link) && getComputedStyle(link).position === "absolute";
  });
  await page.close();
  return { policy, violations, csp, errors, styled, ...found };
}

// Leaflet's default marker finds its images from leaflet.css: they must load from wherever
// the hashed copy of that CSS sends it.
async function markerImages(page) {
  return page.$$eval("img.leaflet-marker-icon", (images) =>
    images.map((img) => ({ src: img.getAttribute("src"), loaded: img.complete && img.naturalWidth > 0 })));
}

const result = {};
{
  const opened = await open(homePath);
  result.home = await finish(opened, {});
}
{
  const opened = await open(trekPath);
  await opened.page.waitForSelector("path.map-route", { state: "attached", timeout: 10000 });
  result.trek = await finish(opened, {
    routes: await opened.page.locator("path.map-route").count(),
    markers: await opened.page.locator(".leaflet-marker-icon").count(),
  });
}
{
  const opened = await open(mapPath);
  const { page } = opened;
  await page.waitForSelector("[data-markers-loaded]", { timeout: 10000 });
  const markersLoaded = Number(await page.getAttribute("#map", "data-markers-loaded"));
  // A cluster zooms to its treks when clicked, down to single markers with Leaflet's image.
  for (let i = 0; i < 4 && !(await page.locator("img.leaflet-marker-icon").count()); i++) {
    await page.locator(".marker-cluster").first().click();
    await page.waitForTimeout(500);
  }
  await page.waitForFunction(() => Array.from(document.querySelectorAll("img.leaflet-marker-icon"))
    .every((img) => img.complete), null, { timeout: 10000 });
  const images = await markerImages(page);
  // Zoom in until the lines load.
  for (let i = 0; i < 12 && !(await page.getAttribute("#map", "data-lines-loaded")); i++) {
    await page.locator(".leaflet-control-zoom-in").click();
    await page.waitForTimeout(300);
  }
  await page.waitForSelector("[data-lines-loaded]", { timeout: 10000 });
  result.map = await finish(opened, {
    markersLoaded,
    linesLoaded: Number(await page.getAttribute("#map", "data-lines-loaded")),
    images,
  });
}
{
  const opened = await open(searchPath);
  const { page } = opened;
  await page.waitForFunction(() => {
    const root = document.querySelector("[data-search]");
    const map = document.getElementById("map");
    return root && (root.hasAttribute("data-search-failed") ||
      (root.getAttribute("data-search-rendered") === location.search && map && map.hasAttribute("data-markers-shown")));
  }, null, { timeout: 60000 });
  result.search = await finish(opened, {
    failed: await page.getAttribute("[data-search]", "data-search-failed"),
    count: Number(await page.textContent("[data-search-count]")),
    results: await page.locator("[data-search-results] a").count(),
    markersShown: Number(await page.getAttribute("#map", "data-markers-shown")),
  });
}
await browser.close();
console.log(JSON.stringify(result));
