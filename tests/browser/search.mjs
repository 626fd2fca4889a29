// Drives the search page of a built site in headless Chromium (Debian's, through
// playwright-core) and reports, as JSON on stdout, what the page shows after each step.
//   node tests/browser/search.mjs BASE_URL STEPS_JSON_FILE
// Steps: {"goto": "/search/?practices=4"}, {"check": [facet, value]}, {"uncheck": [facet, value]},
// {"select": [css, value]}, {"type": "text"}, {"back": true}, {"forward": true}, {"page": n},
// {"date": [name, "2026-06-01"]}.
// After each step it waits until the results drawn are those of the URL shown, then records
// the URL, the count, the result links, every facet value's count, the hidden facets, the
// family counters and the number of markers on the map.
import { readFileSync } from "node:fs";
import { launchChromium } from "./chromium.mjs";

const [base, stepsFile] = process.argv.slice(2);
const steps = JSON.parse(readFileSync(stepsFile, "utf8"));
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
const errors = [];
page.on("pageerror", (error) => errors.push(String(error)));
page.on("console", (message) => {
  // Offline, tiles and photos cannot load; script errors are what matters.
  if (message.type() === "error" && !/Failed to load resource/.test(message.text())) {
    errors.push(message.text());
  }
});
await page.route((url) => !url.href.startsWith(base), (route) => route.abort());

async function settled() {
  await page.waitForFunction(() => {
    const root = document.querySelector("[data-search]");
    return root && (root.hasAttribute("data-search-failed") ||
      (!root.hasAttribute("aria-busy") && root.getAttribute("data-search-rendered") === location.search));
  }, null, { timeout: 60000 });
  // The map draws on the same event; give it its turn.
  await page.waitForFunction(() => {
    const map = document.getElementById("map");
    return !map || map.hasAttribute("data-markers-shown");
  }, null, { timeout: 60000 });
}

async function record(step) {
  return page.evaluate((step) => {
    const root = document.querySelector("[data-search]");
    const counts = {};
    root.querySelectorAll("[data-facet]").forEach((facet) => {
      const values = {};
      facet.querySelectorAll("[data-value][data-count]").forEach((node) => {
        values[node.getAttribute("data-value")] = Number(node.getAttribute("data-count"));
      });
      counts[facet.getAttribute("data-facet")] = values;
    });
    const families = {};
    root.querySelectorAll("[data-family]").forEach((node) => {
      families[node.getAttribute("data-family")] = Number(node.querySelector(".count").textContent);
    });
    const checked = {};
    root.querySelectorAll("[data-facet] input:checked").forEach((box) => {
      const facet = box.closest("[data-facet]").getAttribute("data-facet");
      (checked[facet] = checked[facet] || []).push(box.value);
    });
    return {
      step,
      url: location.pathname + location.search,
      failed: root.getAttribute("data-search-failed"),
      count: document.querySelector("[data-search-count]").textContent,
      results: Array.from(document.querySelectorAll("[data-search-results] a")).map((a) => a.getAttribute("href")),
      counts,
      checked,
      hidden: Array.from(root.querySelectorAll("[data-facet][hidden]")).map((d) => d.getAttribute("data-facet")),
      text: document.querySelector("input[name=text]").value,
      families,
      markers: Number(document.getElementById("map")?.getAttribute("data-markers-shown")),
      pages: Array.from(document.querySelectorAll("[data-search-pages] button")).map((b) => b.textContent),
    };
  }, step);
}

const report = [];
for (const step of steps) {
  if (step.goto) {
    await page.goto(base + step.goto, { waitUntil: "domcontentloaded" });
  } else if (step.check || step.uncheck) {
    const [facet, value] = step.check || step.uncheck;
    const details = page.locator(`[data-facet="${facet}"]`);
    if (!(await details.evaluate((d) => d.open))) {
      await details.locator("summary").click();
    }
    await details.locator(`input[value="${value}"]`).setChecked(Boolean(step.check));
  } else if (step.select) {
    const details = page.locator(`[data-facet="difficulty"]`);
    if (!(await details.evaluate((d) => d.open))) {
      await details.locator("summary").click();
    }
    await page.selectOption(step.select[0], step.select[1]);
  } else if (step.type !== undefined) {
    await page.fill("input[name=text]", "");
    await page.type("input[name=text]", step.type, { delay: 20 });
    await page.waitForFunction((text) => {
      const params = new URLSearchParams(location.search);
      return (params.get("text") || "") === text.trim();
    }, step.type, { timeout: 30000 });
  } else if (step.typeWhileLoading) {
    // The first part's words are searched while the rest is typed: their text shards are held
    // back so that the results arrive in the middle of the keystrokes.
    const [first, rest] = step.typeWhileLoading;
    const slowShards = (url) => url.href.startsWith(base) && url.pathname.includes("/search/text/");
    await page.route(slowShards, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.continue();
    });
    await page.fill("input[name=text]", "");
    await page.type("input[name=text]", first, { delay: 20 });
    await page.waitForTimeout(700);
    await page.type("input[name=text]", rest, { delay: 40 });
    const text = first + rest;
    await page.waitForFunction((text) => {
      const params = new URLSearchParams(location.search);
      return (params.get("text") || "") === text.trim();
    }, text, { timeout: 10000 }).catch(() => {});
    await page.unroute(slowShards);
  } else if (step.date) {
    await page.fill(`input[name=${step.date[0]}]`, step.date[1]);
  } else if (step.page) {
    await page.locator("[data-search-pages] button", { hasText: new RegExp(`^${step.page}$`) }).click();
  } else if (step.back) {
    await page.goBack();
  } else if (step.forward) {
    await page.goForward();
  }
  await settled();
  report.push(await record(step));
}
await browser.close();
console.log(JSON.stringify({ errors, report }));
