// azaudit's SARIF, validated by Microsoft's SARIF Multitool against the official SARIF 2.1.0
// schema and its validation rules: no error, no warning.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "azaudit-sarif-"));

function cargo(...args) {
  return execFileSync("cargo", args, { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
}

function validate(file) {
  const out = execFileSync(join(here, "node_modules", ".bin", "sarif-multitool"), ["validate", file], {
    encoding: "utf8",
  });
  const problems = out.split("\n").filter((l) => /: (error|warning) /.test(l));
  assert.ok(out.includes("1 files scanned"), out);
  assert.deepEqual(problems, [], `the Multitool reports:\n${problems.join("\n")}`);
}

test("the demo tenant's SARIF is valid", () => {
  const file = join(dir, "demo.sarif");
  cargo("run", "-q", "--example", "audit", "--", "--format", "sarif", "--output", file);
  validate(file);
});

test("a synthetic tenant's SARIF is valid", () => {
  const snapshot = join(dir, "synthetic.json");
  const file = join(dir, "synthetic.sarif");
  cargo("run", "-q", "-p", "azaudit-core", "--example", "scale", "--", "gen", "3000", snapshot);
  cargo("run", "-q", "--example", "audit", "--", "--snapshot", snapshot, "--format", "sarif", "--output", file);
  validate(file);
});
