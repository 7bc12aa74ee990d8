// azaudit's SARIF, validated by Microsoft's SARIF Multitool against the official SARIF 2.1.0
// schema and its validation rules: no error, no warning; and by a JSON Schema validator (Ajv)
// against the official schema file itself, as the Multitool ships it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
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
  cargo("run", "-q", "--bin", "azaudit", "--", "audit", "--format", "sarif", "--output", file);
  validate(file);
});

test("a synthetic tenant's SARIF is valid", () => {
  const snapshot = join(dir, "synthetic.json");
  const file = join(dir, "synthetic.sarif");
  cargo("run", "-q", "-p", "azaudit-core", "--example", "scale", "--", "gen", "3000", snapshot);
  cargo("run", "-q", "--bin", "azaudit", "--", "audit", "--snapshot", snapshot, "--format", "sarif", "--output", file);
  validate(file);
});

test("the demo tenant's SARIF validates against the official SARIF 2.1.0 JSON schema", () => {
  const require = createRequire(import.meta.url);
  const schemaFile = join(dirname(require.resolve("@microsoft/sarif-multitool-linux/package.json")), "sarif-2.1.0.json");
  const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
  assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const file = join(dir, "demo-schema.sarif");
  cargo("run", "-q", "--bin", "azaudit", "--", "audit", "--format", "sarif", "--output", file);
  const sarif = JSON.parse(readFileSync(file, "utf8"));
  assert.ok(sarif.runs[0].results.length > 0);
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  // The validator does refuse what the schema forbids.
  const broken = structuredClone(sarif);
  broken.runs[0].results[0].level = "severe";
  assert.equal(validate(broken), false);
});
