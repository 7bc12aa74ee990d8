// A TypeScript user of the package; CI type-checks it with `tsc --noEmit` (strict).
import { audit, AzauditError, checks, Finding, Report, Snapshot } from "../../bindings/node/lib/index";

async function main(path: string): Promise<number> {
  try {
    const snapshot: Snapshot = await Snapshot.load(path);
    const report: Report = await audit(snapshot, {
      checks: ["storage.*", "network.*"],
      config: { key_rotation_days: 60 },
      waivers: [{ check: "network.*", resource: "*/nsg-lab-*", reason: "lab", expires: "2027-01-31" }],
    });
    const critical: Finding[] = report.failed().filter((f) => f.severity === "critical");
    console.log(`${checks().length} checks; ${critical.length} critical failures`);
    return critical.length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof AzauditError && e.code === "AZAUDIT_SNAPSHOT") {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
}

void main(process.argv[2] ?? "examples/data/demo-tenant.json");

// Live collection with any @azure/identity credential (here a structural stand-in).
import { collect, CollectOptions, TokenCredential } from "../../bindings/node/lib/index";

export async function live(credential: TokenCredential): Promise<number> {
  const options: CollectOptions = {
    credential,
    cloud: "AzureUSGovernment",
    subscriptions: ["00000000-0000-0000-0000-000000000000"],
    checks: "storage.*",
    onProgress: (done, total) => process.stderr.write(`\r${done}/${total}`),
  };
  const snapshot: Snapshot = await collect(options);
  return (await audit(snapshot)).failed().length;
}
