// Runs Lighthouse (npm `lighthouse`, from node_modules) on pages of a local server, one Chromium
// for all of them: `node tests/lighthouse_run.mjs JOB.json` where JOB.json is
// {"chrome": CHROME_PATH, "flags": [...], "pages": [{"url": ..., "formFactor": "mobile"|"desktop"}]}.
// Prints one JSON line per page: scores by category, cumulative layout shift, and the audits that
// lost points (id and title). Nothing leaves 127.0.0.1: the flags make every other host unresolvable.
import fs from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf-8"));
const chrome = await chromeLauncher.launch({ chromePath: job.chrome, chromeFlags: job.flags });
try {
  for (const page of job.pages) {
    const options = { port: chrome.port, output: "json", logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"] };
    const result = await lighthouse(page.url, options, page.formFactor === "desktop" ? desktopConfig : undefined);
    const lhr = result.lhr;
    const scores = Object.fromEntries(Object.entries(lhr.categories).map(([id, c]) => [id, c.score]));
    const lost = [];
    for (const category of Object.values(lhr.categories)) {
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          lost.push({ category: category.id, id: ref.id, title: audit.title, score: audit.score,
                      value: audit.displayValue || "" });
        }
      }
    }
    const cls = lhr.audits["cumulative-layout-shift"].numericValue;
    process.stdout.write(JSON.stringify({ url: page.url, formFactor: page.formFactor, scores, cls, lost,
      runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null }) + "\n");
  }
} finally {
  await chrome.kill();
}
