// Opens a page served by `sentier serve` in headless Chromium, saves a file of the site once the
// page's live-reload socket is connected, and reports, as JSON on stdout, whether the page
// reloaded by itself and showed MARKER, and how long that took after the save.
//   node tests/browser/live-reload.mjs BASE_URL PATH FILE CONTENT MARKER
import { writeFileSync } from "node:fs";
import { launchChromium } from "./chromium.mjs";

const [base, path, file, content, marker] = process.argv.slice(2);
const browser = await launchChromium();
const page = await browser.newPage();
const errors = [];
page.on("pageerror", (error) => errors.push(String(error)));
await page.goto(base + path, { waitUntil: "load" });
await page.waitForFunction(() => document.documentElement.dataset.sentierLiveReload === "connected",
  null, { timeout: 30000 });
// Gone after a real reload: a page patched in place would keep it.
await page.evaluate(() => { window.__beforeSave = true; });
const saved = Date.now();
writeFileSync(file, content);
let reloaded = false;
try {
  await page.waitForFunction((marker) => !window.__beforeSave && document.body.textContent.includes(marker),
    marker, { timeout: 120000, polling: 50 });
  reloaded = true;
} catch (error) {
  errors.push(String(error));
}
console.log(JSON.stringify({ reloaded, ms: Date.now() - saved, errors }));
await browser.close();
