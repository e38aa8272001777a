// Drives Debian's chromium with puppeteer-core for the browser tests (tests/test_browser.py).
//
//   node audit.mjs pages <request.json>   axe-core and horizontal overflow of each page at each width,
//                                         and the font files each page downloaded
//   node audit.mjs fonts <request.json>   how a page's Chinese renders: the faces loaded, and its glyphs
//                                         drawn in the site's face against a face that does not exist
//
// Prints one JSON object on stdout. Run with FONTCONFIG_FILE set to hide the machine's fonts.
import { readFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const here = dirname(fileURLToPath(import.meta.url));
const axeSource = readFileSync(join(here, "node_modules/axe-core/axe.min.js"), "utf8");
const [mode, requestFile] = process.argv.slice(2);
const request = JSON.parse(readFileSync(requestFile, "utf8"));

const profile = mkdtempSync(join(tmpdir(), "diglot-chromium-"));
const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`],
  env: process.env,
});

async function audit(page, url, width) {
  const fonts = [];
  const listener = (response) => { if (response.url().endsWith(".woff2")) fonts.push(response.url()); };
  page.on("response", listener);
  await page.setViewport({ width, height: 900 });
  const response = await page.goto(url, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready);
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const textAlign = await page.evaluate(() => {
    const paragraph = document.querySelector(".body p");
    return paragraph ? getComputedStyle(paragraph).textAlign : null;
  });
  await page.emulateMediaType("print");
  const printed = await page.evaluate(() => [...document.querySelectorAll(".skip-link, nav, footer.site")]
    .filter((e) => getComputedStyle(e).display !== "none").map((e) => e.tagName.toLowerCase()));
  await page.emulateMediaType(null);
  page.off("response", listener);
  return {
    url, width, status: response.status(), overflow, textAlign, printed, fonts: [...new Set(fonts)].sort(),
    violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                                               targets: v.nodes.map((n) => n.target.join(" ")) })),
  };
}

async function pages() {
  const results = [];
  for (const url of request.urls) {
    for (const width of request.widths) {
      const page = await browser.newPage();  // a tab of its own: no response of the last page counts here
      results.push(await audit(page, url, width));
      await page.close();
    }
  }
  return { results };
}

async function fonts() {
  const page = await browser.newPage();
  await page.setViewport({ width: 375, height: 900 });
  await page.goto(request.url, { waitUntil: "load" });
  await page.evaluate(() => document.fonts.ready);
  const report = await page.evaluate(async ({ family, text }) => {
    await document.fonts.load(`32px "${family}"`, text);
    const loaded = [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replace(/"/g, ""));
    // The same text drawn in the site's face and in a face nobody has: without the site's fonts both would
    // come out the same (boxes or nothing), since the machine has no font for Chinese.
    const draw = (font) => {
      const canvas = document.createElement("canvas");
      canvas.width = 40 * text.length; canvas.height = 48;
      const context = canvas.getContext("2d");
      context.fillStyle = "#fff"; context.fillRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = "#000"; context.font = font; context.fillText(text, 4, 36);
      return context.getImageData(0, 0, canvas.width, canvas.height).data;
    };
    const ours = draw(`32px "${family}"`);
    const none = draw('32px "no such face anywhere"');
    let ink = 0, differing = 0;
    for (let i = 0; i < ours.length; i += 4) {
      if (ours[i] < 128) ink++;
      if (Math.abs(ours[i] - none[i]) > 64) differing++;
    }
    return { loaded: [...new Set(loaded)], check: document.fonts.check(`32px "${family}"`, text), ink, differing,
             bodyFont: getComputedStyle(document.body).fontFamily };
  }, { family: request.family, text: request.text });
  await page.screenshot({ path: request.screenshot, fullPage: false });
  return report;
}

try {
  const output = mode === "fonts" ? await fonts() : await pages();
  process.stdout.write(JSON.stringify(output));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
