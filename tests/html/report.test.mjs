// The HTML report in a real browser: it loads without console errors or network requests,
// holds one row per finding, and its filters and sorting work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "azaudit-html-"));
const html = join(dir, "report.html");
const json = join(dir, "report.json");

execFileSync("cargo", ["run", "-q", "--bin", "azaudit", "--", "audit", "--format", "html", "--output", html], { cwd: root });
execFileSync("cargo", ["run", "-q", "--bin", "azaudit", "--", "audit", "--format", "json", "--output", json], { cwd: root });
const report = JSON.parse(readFileSync(json, "utf8"));
const count = (status) => report.findings.filter((f) => f.status === status).length;

test("the HTML report works in headless Chromium", async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    const requests = [];
    page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
    page.on("pageerror", (e) => problems.push(String(e)));
    page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
    await page.goto(pathToFileURL(html).href);

    assert.deepEqual(problems, [], "no console errors");
    assert.deepEqual(requests, [], "no network requests");
    const visible = () => page.locator("#findings tbody tr:not([hidden])").count();
    assert.equal(await page.locator("#findings tbody tr").count(), report.findings.length);
    assert.equal(await visible(), report.findings.length);
    assert.equal(await page.locator("#cards .fail b").textContent(), String(count("fail")));
    assert.ok(await page.locator("#chart rect").count() > 5, "the chart has bars");

    await page.selectOption("#f-status", "fail");
    assert.equal(await visible(), count("fail"));
    assert.equal(await page.locator("#shown").textContent(), String(count("fail")));
    await page.selectOption("#f-service", "network");
    const networkFails = report.findings.filter((f) => f.status === "fail" && f.checkId.startsWith("network.")).length;
    assert.equal(await visible(), networkFails);
    await page.selectOption("#f-service", "");
    await page.selectOption("#f-status", "");
    await page.fill("#f-text", "nsg-dev-vms");
    const nsg = report.findings.filter((f) => f.resourceId.endsWith("nsg-dev-vms")).length;
    assert.equal(await visible(), nsg);
    await page.fill("#f-text", "");
    // Users are named by their UPN (the object id stays in the cell's title), resources by
    // name with their subscription and resource group.
    const upn = "bjorn.lindqvist@fabrikamoutdoor.com";
    const userId = Object.keys(report.summary.resourceNames).find((id) => report.summary.resourceNames[id] === upn);
    assert.ok(userId, "the report names the user");
    const userCell = page.locator(`#findings td.id[title="${userId}"] >> nth=0`);
    assert.ok((await userCell.textContent()).startsWith(upn));
    const nsgCell = page.locator("#findings td.id[title$='nsg-dev-vms'] >> nth=0");
    assert.match(await nsgCell.textContent(), /^nsg-dev-vms.+\/rg-/);

    // Sorting by severity puts critical first.
    await page.click("#findings th[data-key=severity]");
    assert.equal(await page.locator("#findings tbody tr >> nth=0 >> td >> nth=1").textContent(), "critical");
    assert.deepEqual(problems, [], "no console errors after interaction");
  } finally {
    await browser.close();
  }
});
