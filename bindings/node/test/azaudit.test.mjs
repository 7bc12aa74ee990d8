// The npm package, used as JS tooling uses it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const azaudit = require("../lib/index.js");
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const demo = join(root, "examples", "data", "demo-tenant.json");
const demoConfig = join(root, "examples", "data", "demo-config.toml");

function rustReport(...args) {
  const out = execFileSync("cargo", ["run", "-q", "--bin", "azaudit", "--", "audit", "--format", "json", ...args], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

const key = (f) => [f.checkId, f.resourceId, f.status, f.severity, f.message].join("|");

test("the demo gives the same findings as from Rust", async () => {
  const snapshot = await azaudit.Snapshot.load(demo);
  const report = await azaudit.audit(snapshot, {
    config: { allowed_guests: ["contoso-partners.com"], today: "2026-11-30" },
    waivers: [
      {
        check: "storage.blob_anonymous_access_disabled",
        resource: "*/storageAccounts/stfabprodcdn/blobServices/default/containers/product-images",
        reason: "public product images served to the storefront (SEC-214)",
        expires: "2027-03-31",
      },
      {
        check: "sql.firewall_no_public_access",
        resource: "*/servers/sql-fab-reporting",
        reason: "Power BI service access until the private endpoint lands (SEC-198)",
        expires: "2026-10-31",
      },
    ],
  });
  const rust = rustReport("--snapshot", demo, "--config", demoConfig);
  assert.deepEqual(report.findings.map(key).sort(), rust.findings.map(key).sort());
  assert.deepEqual(report.summary.byStatus, rust.summary.byStatus);
  assert.equal(JSON.parse(JSON.stringify(report)).findings.length, rust.findings.length);
});

test("findings use the JSON report's camelCase keys and plain string statuses", async () => {
  const snapshot = await azaudit.Snapshot.load(demo);
  assert.equal(snapshot.length, 256);
  assert.equal(snapshot.subscriptionIds.length, 3);
  const report = await azaudit.audit(snapshot, { checks: "storage.secure_transfer_required" });
  const f = report.findings[0];
  assert.equal(f.checkId, "storage.secure_transfer_required");
  assert.equal(typeof f.status, "string");
  assert.equal(f.resourceType, "Microsoft.Storage/storageAccounts");
  assert.ok("supportsHttpsTrafficOnly" in f.evidence);
  assert.ok(report.failed().every((x) => x.status === "fail"));
  assert.ok(report.failed().length >= 1);
});

test("catalog", () => {
  const checks = azaudit.checks();
  assert.equal(checks.length, 111);
  const tls = checks.find((c) => c.id === "sql.tls_enforced");
  assert.equal(tls.severity, "high");
  assert.ok(tls.remediation.cli.startsWith("az "));
  // Lined up with Defender for Cloud by policy definition GUID, and with Prowler.
  const auditing = checks.find((c) => c.id === "defender.policy_sql_auditing");
  assert.ok(auditing.counterparts.azurePolicy.some((d) => d.id === "a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9"));
  assert.ok(checks.every((c) => c.counterparts !== null && c.counterparts.decision.length > 0));
  assert.ok(checks.find((c) => c.id === "storage.secure_transfer_required").counterparts.prowler.includes("storage_secure_transfer_required_is_enabled"));
});

test("configuration and waivers", async () => {
  const snapshot = await azaudit.Snapshot.load(demo);
  const strict = await azaudit.audit(snapshot, { checks: ["storage.access_keys_rotated"], config: { key_rotation_days: 30 } });
  const lenient = await azaudit.audit(snapshot, { checks: ["storage.access_keys_rotated"], config: { key_rotation_days: 900 } });
  assert.ok(strict.failed().length > lenient.failed().length);
  const waived = await azaudit.audit(snapshot, {
    checks: "network.rdp_internet_denied",
    config: { today: "2026-11-30" },
    waivers: [{ check: "network.*", resource: "*/nsg-dev-vms", reason: "lab, SEC-1", expires: "2099-01-01" }],
  });
  assert.deepEqual(waived.findings.filter((f) => f.resourceId.endsWith("nsg-dev-vms")).map((f) => f.status), ["waived"]);
});

test("errors carry a stable code", async () => {
  await assert.rejects(azaudit.Snapshot.fromJson('{"version": 1, "resources": [\n{"id": 7}]}'), (e) => {
    assert.ok(e instanceof Error);
    assert.equal(e.code, "AZAUDIT_SNAPSHOT");
    assert.match(e.message, /resources\[0\] at line 2/);
    return true;
  });
  await assert.rejects(azaudit.Snapshot.load("/nonexistent/snapshot.json"), { code: "AZAUDIT_SNAPSHOT" });
  const snapshot = await azaudit.Snapshot.fromJson(Buffer.from('{"version": 1, "resources": []}'));
  await assert.rejects(azaudit.audit(snapshot, { config: { key_rotation_dayz: 3 } }), (e) => {
    assert.equal(e.code, "AZAUDIT_CONFIG");
    assert.match(e.message, /key_rotation_dayz/);
    return true;
  });
  await assert.rejects(azaudit.audit(snapshot, { checks: ["nosuch.*"] }), { code: "AZAUDIT_CONFIG" });
});

test("snapshots save and reload", async () => {
  const snapshot = await azaudit.Snapshot.load(demo);
  const path = join(mkdtempSync(join(tmpdir(), "azaudit-")), "copy.json");
  await snapshot.save(path);
  const again = await azaudit.Snapshot.load(path);
  assert.equal(again.length, 256);
  assert.equal(again.tenantId, snapshot.tenantId);
});

test("the event loop stays responsive while auditing", async () => {
  const dir = mkdtempSync(join(tmpdir(), "azaudit-"));
  const big = join(dir, "big.json");
  execFileSync("cargo", ["run", "-q", "-p", "azaudit-core", "--example", "scale", "--", "gen", "60000", big], { cwd: root });
  const snapshot = await azaudit.Snapshot.load(big);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const start = Date.now();
  const report = await azaudit.audit(snapshot);
  const elapsed = Date.now() - start;
  clearInterval(timer);
  assert.ok(report.findings.length > 50000);
  assert.ok(elapsed > 30, `the audit took only ${elapsed} ms`);
  // A blocked event loop would not have fired the timer at all.
  assert.ok(ticks >= 5, `${ticks} ticks in ${elapsed} ms`);
});

test("reports render in every format", async () => {
  const snapshot = await azaudit.Snapshot.load(demo);
  const report = await azaudit.audit(snapshot);
  const sarif = JSON.parse(await report.render("sarif"));
  assert.equal(sarif.version, "2.1.0");
  // The demo's sandbox was partly forbidden to the collector: the gaps survive the round trip.
  assert.equal(report.coverageGaps.length, 18);
  assert.equal(sarif.runs[0].properties.coverageGaps, 18);
  assert.equal(sarif.runs[0].results.length, report.failed().length);
  assert.ok((await report.render("csv")).startsWith("check_id,status"));
  assert.ok((await report.render("junit")).includes("<testsuites"));
  assert.ok((await report.render("html")).startsWith("<!doctype html>"));
  assert.equal((await report.render("ocsf")).trim().split("\n").length, report.findings.length);
  await assert.rejects(report.render("yaml"), { code: "AZAUDIT_CONFIG" });
});
