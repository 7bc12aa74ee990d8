// Audit a snapshot and print its failures, most severe first.
//   cd bindings/node && npm install && npm run build && cd ../.. && node examples/node/audit.mjs [snapshot.json]
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const azaudit = require("../../bindings/node/lib/index.js");
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const path = process.argv[2] ?? join(root, "examples", "data", "demo-tenant.json");
const order = ["critical", "high", "medium", "low", "info"];

try {
  const snapshot = await azaudit.Snapshot.load(path);
  const report = await azaudit.audit(snapshot);
  const failed = report.failed().sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
  console.log(`${snapshot.length} records, ${report.findings.length} findings, ${failed.length} failed`);
  for (const f of failed) {
    console.log(`[${f.severity}] ${f.checkId} ${f.resourceId.split("/").pop()}: ${f.message}`);
  }
  process.exitCode = failed.some((f) => f.severity === "critical") ? 1 : 0;
} catch (e) {
  console.error(`azaudit: ${e.code ?? "error"}: ${e.message}`);
  process.exitCode = 2;
}
