// Drives Debian's chromium with puppeteer-core for the browser tests (tests/e2e/test_browser.py).
//
//   node audit.mjs pages <request.json>   axe-core and horizontal overflow of each page at each width,
//                                         and the font files each page downloaded
//   node audit.mjs spacing <request.json> the space between each Han character and a Latin letter or digit
//                                         beside it, in em, at each width (Range.getClientRects)
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

// Every Han character next to a Latin letter or digit in the same block, no space between, outside code: the
// space between them beyond the left glyph's own advance (the same glyph measured alone, no autospace), in
// the left glyph's em. Pairs broken across lines are left out: clreq wants no space at a line's edge.
function measureSpacing() {
  const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/, latin = /[A-Za-z0-9\u00c0-\u024f]/;
  const blocks = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (parent.closest("code, pre, script, style, [hidden]") || !parent.getClientRects().length) continue;
    const block = parent.closest("p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, figcaption, blockquote, div");
    if (!blocks.has(block)) blocks.set(block, []);
    for (let i = 0; i < node.data.length; i++) blocks.get(block).push([node, i]);
  }
  const rect = ([node, i]) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                                return r.getClientRects()[0]; };
  const alone = ([node, i]) => {
    const probe = document.createElement("span");
    probe.style.cssText = "text-autospace: no-autospace; position: absolute; white-space: pre; margin: 0; padding: 0; text-indent: 0; letter-spacing: normal";
    probe.textContent = node.data[i];
    node.parentElement.appendChild(probe);
    const width = probe.getBoundingClientRect().width;
    probe.remove();
    return width;
  };
  const pairs = [];
  for (const chars of blocks.values()) {
    for (let k = 0; k + 1 < chars.length; k++) {
      const [a, b] = [chars[k], chars[k + 1]];
      const [x, y] = [a[0].data[a[1]], b[0].data[b[1]]];
      if (!((han.test(x) && latin.test(y)) || (latin.test(x) && han.test(y)))) continue;
      const [ra, rb] = [rect(a), rect(b)];
      if (!ra || !rb || Math.abs(ra.top - rb.top) > ra.height / 2) continue;
      const em = parseFloat(getComputedStyle(a[0].parentElement).fontSize);
      pairs.push({ text: x + y, context: a[0].data.slice(Math.max(0, a[1] - 6), a[1] + 8) + "|" + b[0].data.slice(0, 8) + "|" + a[0].parentElement.className + "|" + getComputedStyle(a[0].parentElement).textAutospace, space: (rb.left - ra.left - alone(a)) / em });
    }
  }
  return pairs;
}

async function spacing() {
  const results = [];
  for (const url of request.urls) {
    for (const width of request.widths) {
      const page = await browser.newPage();
      await page.setViewport({ width, height: 900 });
      await page.goto(url, { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready);
      results.push({ url, width, pairs: await page.evaluate(measureSpacing) });
      await page.close();
    }
  }
  return { results };
}

try {
  const output = mode === "fonts" ? await fonts() : mode === "spacing" ? await spacing() : await pages();
  process.stdout.write(JSON.stringify(output));
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
