#!/usr/bin/env bash
# Collection memory: the collector's peak against the JSON it receives, for a tenant of
# ACCOUNTS storage accounts (shaped as StorageAccountList.json at 2023-05-01 shows them) in
# one subscription, served by the fake Azure (its own process) in pages of PAGE.
# Usage: scripts/bench-collect-memory.sh [ACCOUNTS]   (default 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
ACCOUNTS=${1:-200000}
PAGE=${PAGE:-1000}
cargo build --release -q -p azaudit-fake-azure --bin fake-azure
cargo build --release -q -p azaudit-azure --example collect_bench
dir=${BENCH_DIR:-bench-data}
mkdir -p "$dir"
tenant="$dir/storage-$ACCOUNTS.json"
[ -f "$tenant" ] || python3 - "$ACCOUNTS" "$tenant" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
sub = "5f3a9c1e-0b7d-4e2a-9c6f-8d1e2a3b4c05"
with open(out, "w") as f:
    f.write('{"version":1,"tenantId":"6f1c3a52-9b7e-4d4f-8a21-0c5d2e7b9f10",'
            f'"subscriptions":[{{"subscriptionId":"{sub}","displayName":"bulk"}}],"resources":[\n')
    for i in range(n):
        rg = f"rg-{i // 500:04d}"
        name = f"st{i:08d}bulk"
        acct = {
            "id": f"/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Storage/storageAccounts/{name}",
            "kind": "StorageV2", "location": "westeurope", "name": name,
            "sku": {"name": "Standard_GRS", "tier": "Standard"},
            "tags": {"owner": "platform", "costCenter": f"cc-{i % 97}"},
            "type": "Microsoft.Storage/storageAccounts",
            "identity": {"principalId": "356d057d-cba5-44dd-8a30-b2e547bc416b", "tenantId": "6f1c3a52-9b7e-4d4f-8a21-0c5d2e7b9f10", "type": "SystemAssigned"},
            "properties": {
                "allowBlobPublicAccess": False, "allowSharedKeyAccess": True, "minimumTlsVersion": "TLS1_2",
                "creationTime": "2024-03-14T09:26:53.7396011Z",
                "encryption": {"keySource": "Microsoft.Storage", "requireInfrastructureEncryption": False,
                               "services": {"blob": {"enabled": True, "keyType": "Account", "lastEnabledTime": "2024-03-14T09:26:53.8802286Z"},
                                            "file": {"enabled": True, "keyType": "Account", "lastEnabledTime": "2024-03-14T09:26:53.8802286Z"}}},
                "isHnsEnabled": False,
                "networkAcls": {"bypass": "AzureServices", "defaultAction": "Allow", "ipRules": [], "virtualNetworkRules": []},
                "primaryEndpoints": {k: f"https://{name}.{k}.core.windows.net/" for k in ("blob", "dfs", "file", "queue", "table", "web")},
                "primaryLocation": "westeurope", "provisioningState": "Succeeded",
                "secondaryLocation": "northeurope", "statusOfPrimary": "available", "statusOfSecondary": "available",
                "supportsHttpsTrafficOnly": i % 10 != 0,
                "keyCreationTime": {"key1": "2024-03-14T09:26:53.8802286Z", "key2": "2024-03-14T09:26:53.8802286Z"},
            },
        }
        f.write(("," if i else "") + json.dumps(acct) + "\n")
    f.write('],"coverage":[]}\n')
PY
coproc SERVER { target/release/fake-azure --snapshot "$tenant" --page-size "$PAGE" --ca-out "$dir/fake-ca.pem"; }
read -r hello <&"${SERVER[0]}"
url=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["url"])' "$hello")
out=$(target/release/examples/collect_bench memory "$url" "$dir/fake-ca.pem" storage.secure_transfer_required)
exec {SERVER[1]}>&-
wait "$SERVER_PID" 2>/dev/null || true
python3 - "$out" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
mb = r["bytes"] / 1e6
print(f"records {r['records']}, requests {r['requests']}, JSON received {mb:.0f} MB, "
      f"wall {r['wallMs']} ms, peak {r['peakRssKb']/1024:.0f} MiB ({r['peakRssKb']*1024/r['bytes']:.2f}x the JSON)")
PY
