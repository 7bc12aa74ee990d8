// The package's `azaudit` command (its `bin`), run as `npx azaudit` runs it: a process, its
// output and exit status. It is the Rust command line itself (through the native addon), so
// it must print what the Rust binary prints.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(here, "..", "package.json"), "utf8"));
const bin = join(here, "..", pkg.bin.azaudit);
const root = join(here, "..", "..", "..");

// The caller's AZAUDIT_* settings must not change what these tests see.
const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("AZAUDIT_")));
const run = (args, env = clean) => spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env, maxBuffer: 64 << 20 });
const withoutClock = (report) => {
  delete report.summary.evaluatedAt;
  return report;
};

test("--version is the package's version", () => {
  const out = run(["--version"]);
  assert.equal(out.status, 0);
  assert.equal(out.stdout, `azaudit ${pkg.version}\n`);
});

test("audit --format json is the Rust command's report", () => {
  const out = run(["audit", "--format", "json"]);
  assert.equal(out.status, 0, out.stderr);
  const rust = execFileSync("cargo", ["run", "-q", "--bin", "azaudit", "--", "audit", "--format", "json"], {
    cwd: root,
    env: clean,
    encoding: "utf8",
    maxBuffer: 64 << 20,
  });
  const ours = withoutClock(JSON.parse(out.stdout));
  assert.deepEqual(ours, withoutClock(JSON.parse(rust)));
  assert.ok(ours.summary.byStatus.fail > 0);
});

test("gates and errors set the exit status", () => {
  const gate = run(["audit", "--fail-on", "critical", "--format", "json"]);
  assert.equal(gate.status, 1);
  assert.match(gate.stderr, /failed findings at or above critical/);
  const bad = run(["audit", "--format", "yaml"]);
  assert.equal(bad.status, 2);
  assert.equal(bad.stdout, "");
  assert.match(bad.stderr, /^azaudit: error: [^\n]+\n$/);
});

test("environment variables, as CI sets them", () => {
  const out = run(["audit"], { ...clean, AZAUDIT_FORMAT: "json", AZAUDIT_CHECKS: "sql.*" });
  assert.equal(out.status, 0, out.stderr);
  const report = JSON.parse(out.stdout);
  assert.ok(report.checks.every((c) => c.id.startsWith("sql.")));
});
