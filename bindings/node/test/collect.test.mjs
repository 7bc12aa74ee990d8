// collect() against the local fake Azure (tests/fake-azure), with a JS credential object.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const azaudit = require("../lib/index.js");
const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const demo = join(root, "examples", "data", "demo-tenant.json");
const PROD = "3b7e4c1a-52d9-4e8f-9a6b-1f2c3d4e5a01";
const DEV = "8d2f6b9e-07c1-4a3d-b5e8-2a4c6e8f0b02";

async function fakeAzure(...args) {
  const child = spawn("cargo", ["run", "-q", "-p", "azaudit-fake-azure", "--bin", "fake-azure", "--", "--snapshot", demo, ...args], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  const [hello] = await Promise.race([
    new Promise((resolve) => lines.once("line", (l) => resolve([JSON.parse(l)]))),
    new Promise((_, reject) => child.once("exit", (c) => reject(new Error(`fake-azure exited ${c}`)))),
  ]);
  return { ...hello, stop: () => new Promise((r) => { child.once("exit", r); child.stdin.end(); }) };
}

let server;
let slow;
before(async () => {
  server = await fakeAzure();
  slow = await fakeAzure("--latency-ms", "150");
});
after(async () => {
  await server.stop();
  await slow.stop();
});

const endpoints = (s) => ({ arm: s.url, graph: s.url, authority: s.url });
// Shaped like @azure/identity: getToken(scopes) resolves to { token, expiresOnTimestamp }.
const credentialFor = (s, scopes = []) => ({
  async getToken(scope) {
    scopes.push(scope);
    return { token: s.token, expiresOnTimestamp: Date.now() + 3600_000 };
  },
});

test("collect with a JS credential, then audit", async () => {
  const scopes = [];
  const progress = [];
  const snapshot = await azaudit.collect({
    credential: credentialFor(server, scopes),
    subscriptions: [PROD, DEV],
    cloud: "custom",
    endpoints: endpoints(server),
    caCert: server.caPath,
    checks: "storage.*,iam.*",
    onProgress: (done, total) => progress.push([done, total]),
  });
  assert.equal(snapshot.tenantId, server.tenantId);
  assert.deepEqual([...snapshot.subscriptionIds].sort(), [PROD, DEV].sort());
  const report = await azaudit.audit(snapshot);
  const failed = new Set(report.failed().map((f) => f.checkId));
  assert.ok(failed.has("storage.secure_transfer_required") && failed.has("iam.mfa_privileged_users"));
  assert.ok(report.findings.every((f) => !f.resourceId.includes("c41e9a7d")));
  assert.deepEqual(scopes.sort(), [`${server.url}/.default`, `${server.url}/.default`]);
  // Progress calls arrive asynchronously; give the queue a turn.
  await new Promise((r) => setImmediate(r));
  assert.ok(progress.length > 0 && progress.every(([d, t]) => d <= t));
  // In order: neither count ever goes back.
  assert.ok(progress.every(([d, t], i) => i === 0 || (d >= progress[i - 1][0] && t >= progress[i - 1][1])));
  assert.ok(!JSON.stringify(snapshot.toJSON()).includes(server.token));
});

test("a slow endpoint costs the fetch timeout, and the rest is collected", async () => {
  // Every response of this server takes 150 ms; a fetch may take 0.1 s.
  const started = Date.now();
  const snapshot = await azaudit.collect({
    credential: credentialFor(slow),
    subscriptions: [PROD],
    cloud: "custom",
    endpoints: endpoints(slow),
    caCert: slow.caPath,
    checks: ["storage.secure_transfer_required"],
    fetchTimeout: 0.1,
  });
  assert.ok(Date.now() - started < 5000);
  const report = await azaudit.audit(snapshot, { checks: "storage.secure_transfer_required" });
  assert.ok(report.coverageGaps.some((g) => /did not finish within/.test(g.reason)), JSON.stringify(report.coverageGaps));
  assert.ok(report.findings.every((f) => f.status === "unknown"));
});

test("the event loop stays responsive while collecting", async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const started = Date.now();
  await azaudit.collect({
    credential: credentialFor(slow),
    subscriptions: [PROD],
    cloud: "custom",
    endpoints: endpoints(slow),
    caCert: slow.caPath,
    checks: ["storage.*"],
  });
  clearInterval(timer);
  const elapsed = Date.now() - started;
  assert.ok(elapsed > 300, `${elapsed} ms`);
  assert.ok(ticks >= (elapsed / 10) * 0.5, `${ticks} ticks in ${elapsed} ms`);
});

test("errors carry stable codes", async () => {
  const broken = { getToken: async () => { throw new Error("AADSTS700016: application not found"); } };
  await assert.rejects(
    azaudit.collect({ credential: broken, cloud: "custom", endpoints: endpoints(server), caCert: server.caPath, checks: ["storage.*"] }),
    (e) => e instanceof azaudit.AzauditError && e.code === "AZAUDIT_COLLECT" && /AADSTS700016/.test(e.message),
  );
  await assert.rejects(azaudit.collect({ credential: credentialFor(server), cloud: "custom" }), (e) => e.code === "AZAUDIT_CONFIG");
  await assert.rejects(azaudit.collect({ cloud: "mars" }), (e) => e.code === "AZAUDIT_CONFIG" && /mars/.test(e.message));
  await assert.rejects(
    azaudit.collect({ cloud: "custom", endpoints: { arm: "http://127.0.0.1:1", graph: "https://g", authority: "https://a" } }),
    (e) => e.code === "AZAUDIT_CONFIG" && /https/.test(e.message),
  );
  await assert.rejects(azaudit.collect({ endpoints: { armm: "https://x" } }), (e) => e.code === "AZAUDIT_CONFIG");
  await assert.rejects(
    azaudit.collect({ credential: credentialFor(server), cloud: "custom", endpoints: endpoints(server), requestTimeout: -1 }),
    (e) => e.code === "AZAUDIT_CONFIG" && /requestTimeout/.test(e.message),
  );
});
