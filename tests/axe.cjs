// axe-core in Chromium: node tests/axe.cjs TOOLS_DIR PAGE... prints {"page @ width": [violations]} as JSON.
// Each page is checked at a desktop width and at a phone's, where the parallel edition interleaves.
const fs = require("fs");
const path = require("path");

const tools = path.resolve(process.argv[2]);
const puppeteer = require(path.join(tools, "node_modules", "puppeteer-core"));
const axeSource = fs.readFileSync(path.join(tools, "node_modules", "axe-core", "axe.min.js"), "utf8");

(async () => {
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync", "--disable-background-networking"],
  });
  const results = {};
  try {
    const page = await browser.newPage();
    for (const file of process.argv.slice(3)) {
      for (const width of [1280, 390]) {
        await page.setViewport({ width, height: 900 });
        await page.goto("file://" + path.resolve(file), { waitUntil: "load" });
        await page.addScriptTag({ content: axeSource });
        const found = await page.evaluate(async () => {
          const result = await window.axe.run(document, { resultTypes: ["violations"] });
          return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
        });
        results[`${file} @ ${width}px`] = found;
      }
    }
  } finally {
    await browser.close();
  }
  console.log(JSON.stringify(results, null, 1));
})().catch((error) => { console.error(error); process.exit(1); });
