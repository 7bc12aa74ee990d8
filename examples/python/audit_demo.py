"""Audit the demo tenant from Python and print what failed, most severe first.

    pip install ./bindings/python
    python examples/python/audit_demo.py [snapshot.json]
    python examples/python/audit_demo.py --live      # the tenant of `az login` (or AZURE_* env)
"""

from __future__ import annotations

import collections
import pathlib
import sys
from typing import Dict, List

import azaudit

SEVERITY_ORDER = ["critical", "high", "medium", "low", "info"]


def live_snapshot() -> azaudit.Snapshot:
    """Collect the signed-in tenant; with azure-identity installed, its credential is used."""

    def show(done: int, total: int) -> None:
        print(f"\rcollecting {done}/{total}", end="", file=sys.stderr, flush=True)

    credential: azaudit.TokenCredential | None = None
    try:
        from azure.identity import DefaultAzureCredential  # type: ignore[import-not-found]

        credential = DefaultAzureCredential()
    except ImportError:
        pass  # azaudit's own default chain
    snapshot = azaudit.collect(credential, progress=show)
    print(file=sys.stderr)
    return snapshot


def main(argv: List[str]) -> int:
    root = pathlib.Path(__file__).resolve().parents[2]
    path = pathlib.Path(argv[1]) if len(argv) > 1 else root / "examples" / "data" / "demo-tenant.json"
    try:
        snapshot = live_snapshot() if argv[1:2] == ["--live"] else azaudit.Snapshot.load(path)
    except azaudit.AzauditError as e:
        print(f"cannot read {path}: {e}", file=sys.stderr)
        return 2
    report = azaudit.audit(snapshot, config={"allowed_guests": ["contoso-partners.com"]})
    print(f"{snapshot!r}: {report!r}")

    by_service: Dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for f in report.findings:
        by_service[f.check_id.split(".")[0]][f.status] += 1
    for service, counts in sorted(by_service.items()):
        print(f"  {service:<11} {counts['fail']:>3} fail {counts['unknown']:>3} unknown {counts['pass']:>3} pass")

    failed = sorted(report.failed(), key=lambda f: SEVERITY_ORDER.index(f.severity))
    print(f"\n{len(failed)} failed findings; the most severe:")
    for f in failed[:10]:
        print(f"  [{f.severity}] {f.check_id}: {f.resource_id.rsplit('/', 1)[-1]}: {f.message}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
