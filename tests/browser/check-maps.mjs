// Loads pages of a built site in headless Chromium (Debian's, through playwright-core) and
// reports, as JSON on stdout, what their maps show and every JavaScript error.
//   node tests/browser/check-maps.mjs BASE_URL TREK_PATH MAP_PATH PLACE_PATH
import { launchChromium } from "./chromium.mjs";

const [base, trekPath, mapPath, placePath] = process.argv.slice(2);
const browser = await launchChromium();

async function open(path) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    // Tiles cannot load offline: failed resource loads are expected, script errors are not.
    if (message.type() === "error" && !/Failed to load resource/.test(message.text())) {
      errors.push(message.text());
    }
  });
  // Offline, as in CI: anything not on the local server (map tiles, photos) fails at once
  // instead of waiting on a name lookup. The page must cope with that.
  await page.route((url) => !url.href.startsWith(base), (route) => route.abort());
  await page.goto(base + path, { waitUntil: "domcontentloaded" });
  await page.waitForSelector(".leaflet-container", { timeout: 10000 });
  return { page, errors };
}

const result = {};
{
  const { page, errors } = await open(trekPath);
  await page.waitForSelector("path.map-route", { state: "attached", timeout: 10000 });
  result.trek = {
    errors,
    routes: await page.locator("path.map-route").count(),
    routePoints: await page.$$eval("path.map-route", (paths) => paths.map((p) => (p.getAttribute("d").match(/L/g) || []).length + 1)),
    departure: await page.locator(".map-departure").count(),
    pois: await page.locator(".map-poi").count(),
    references: await page.locator(".map-reference").count(),
    controls: await page.locator(".leaflet-control-zoom-in, .map-button").count(),
    fullscreen: await page.locator(".map-button[aria-label]").count(),
  };
  await page.close();
}
{
  const { page, errors } = await open(mapPath);
  await page.waitForSelector("[data-markers-loaded]", { timeout: 10000 });
  await page.waitForSelector(".marker-cluster, .leaflet-marker-icon", { timeout: 10000 });
  const markersLoaded = Number(await page.getAttribute("#map", "data-markers-loaded"));
  const clusters = await page.locator(".marker-cluster").count();
  const linesBefore = await page.getAttribute("#map", "data-lines-loaded");
  // Zoom in until the lines' zoom level, where they load.
  for (let i = 0; i < 12 && !(await page.getAttribute("#map", "data-lines-loaded")); i++) {
    await page.locator(".leaflet-control-zoom-in").click();
    await page.waitForTimeout(300);
  }
  await page.waitForSelector("[data-lines-loaded]", { timeout: 10000 });
  result.overview = {
    errors,
    markersLoaded,
    clusters,
    linesBefore,
    linesLoaded: Number(await page.getAttribute("#map", "data-lines-loaded")),
    canvas: await page.locator(".leaflet-overlay-pane canvas").count(),
  };
  await page.close();
}
{
  const { page, errors } = await open(placePath);
  await page.waitForSelector("path.map-area", { state: "attached", timeout: 10000 });
  result.place = { errors, areas: await page.locator("path.map-area").count() };
  await page.close();
}
await browser.close();
console.log(JSON.stringify(result));
