// Lighthouse (mobile, its default simulated throttling) on each page of a request, in one Debian chromium,
// one page after the other, with no network beyond the local server.
//
//   node lighthouse.mjs <request.json>    request: {"urls": [...]}
//
// Prints one JSON object on stdout: for each URL its four category scores, the audits that lost points in
// accessibility, best practices and SEO, the page's timings (FCP, LCP, TBT, CLS, Speed Index) and the bytes
// it transferred, by resource type.
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
const profile = mkdtempSync(join(tmpdir(), "diglot-lighthouse-"));
const chrome = await chromeLauncher.launch({
  chromePath: "/usr/bin/chromium",
  userDataDir: profile,
  chromeFlags: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
  logLevel: "silent",
});

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const METRICS = { fcp: "first-contentful-paint", lcp: "largest-contentful-paint", tbt: "total-blocking-time",
                  cls: "cumulative-layout-shift", si: "speed-index" };

function summary(lhr) {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c].score]));
  const lost = {};
  for (const c of CATEGORIES.slice(1)) {
    lost[c] = lhr.categories[c].auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
      .map((ref) => ({ id: ref.id, title: lhr.audits[ref.id].title }));
  }
  const metrics = Object.fromEntries(Object.entries(METRICS).map(([k, id]) => [k, lhr.audits[id].numericValue]));
  const items = lhr.audits["network-requests"].details?.items ?? [];
  const bytes = {};
  for (const item of items) bytes[item.resourceType] = (bytes[item.resourceType] ?? 0) + (item.transferSize ?? 0);
  return {
    url: lhr.finalDisplayedUrl, scores, lost, metrics, transferred: lhr.audits["total-byte-weight"].numericValue,
    bytes, requests: items.map((item) => ({ url: new URL(item.url).pathname, bytes: item.transferSize,
                                             priority: item.priority })),
    opportunities: Object.values(lhr.audits)
      .filter((a) => a.details?.type === "opportunity" && (a.numericValue ?? 0) > 0)
      .map((a) => ({ id: a.id, ms: a.numericValue })),
    warnings: lhr.runWarnings,
  };
}

try {
  const results = [];
  for (const url of request.urls) {
    // The screenshots weigh nothing in any category (the report's filmstrip): left out, as they cost each run
    // their capture and encoding.
    const run = await lighthouse(url, { port: chrome.port, output: "json", logLevel: "error",
                                        onlyCategories: CATEGORIES, disableFullPageScreenshot: true,
                                        skipAudits: ["screenshot-thumbnails", "final-screenshot"] });
    results.push(summary(run.lhr));
  }
  process.stdout.write(JSON.stringify({ results }));
} finally {
  await chrome.kill();
  rmSync(profile, { recursive: true, force: true });
}
