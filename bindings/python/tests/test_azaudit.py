"""The Python package, used as a notebook or script would use it."""

import json
import os
import pathlib
import subprocess
import threading
import time

import pytest

import azaudit

ROOT = pathlib.Path(__file__).resolve().parents[3]
DEMO = ROOT / "examples" / "data" / "demo-tenant.json"
DEMO_CONFIG = ROOT / "examples" / "data" / "demo-config.toml"


@pytest.fixture(scope="module")
def snapshot() -> azaudit.Snapshot:
    return azaudit.Snapshot.load(DEMO)


def rust_report(*args: str) -> dict:
    """The same audit through the Rust command line."""
    out = subprocess.run(
        ["cargo", "run", "-q", "--bin", "azaudit", "--", "audit", "--format", "json", *args],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def key(f: dict) -> tuple:
    return (f["checkId"], f["resourceId"], f["status"], f["severity"], f["message"])


def test_demo_gives_the_same_findings_as_rust(snapshot):
    # The demo's own configuration, as the Rust command line applies it by default.
    config = {"allowed_guests": ["contoso-partners.com"], "today": "2026-11-30"}
    waivers = [
        {
            "check": "storage.blob_anonymous_access_disabled",
            "resource": "*/storageAccounts/stfabprodcdn/blobServices/default/containers/product-images",
            "reason": "public product images served to the storefront (SEC-214)",
            "expires": "2027-03-31",
        },
        {
            "check": "sql.firewall_no_public_access",
            "resource": "*/servers/sql-fab-reporting",
            "reason": "Power BI service access until the private endpoint lands (SEC-198)",
            "expires": "2026-10-31",
        },
    ]
    ours = azaudit.audit(snapshot, config=config, waivers=waivers).to_dict()
    theirs = rust_report("--snapshot", str(DEMO), "--config", str(DEMO_CONFIG))
    assert sorted(map(key, ours["findings"])) == sorted(map(key, theirs["findings"]))
    assert ours["summary"]["byStatus"] == theirs["summary"]["byStatus"]


def test_findings_are_typed_snake_case_objects(snapshot):
    report = azaudit.audit(snapshot, checks="storage.secure_transfer_required")
    f = report.findings[0]
    assert isinstance(f, azaudit.Finding)
    assert f.check_id == "storage.secure_transfer_required"
    assert f.status in {"pass", "fail", "unknown"}
    assert f.resource_type == "Microsoft.Storage/storageAccounts"
    assert isinstance(f.evidence, dict) and "supportsHttpsTrafficOnly" in f.evidence
    assert [x.status for x in report.failed()] == ["fail"] * len(report.failed())
    assert json.loads(report.to_json())["version"] == 1
    assert "fail" in repr(report)


def test_catalog_metadata():
    catalog = azaudit.checks()
    assert len(catalog) == 111
    by_id = {c.id: c for c in catalog}
    tls = by_id["sql.tls_enforced"]
    assert tls.service == "sql" and tls.level == 1 and tls.severity == "high"
    assert "5.3.2" in tls.cis and tls.remediation and tls.remediation_cli.startswith("az ")
    assert by_id["iam.mfa_remember_device_disabled"].manual
    # Lined up with Defender for Cloud by policy definition GUID, and with Prowler.
    assert "a6fb4358-5bf4-4ad7-ba82-2cd2f41ce5e9" in by_id["defender.policy_sql_auditing"].azure_policy
    assert "storage_secure_transfer_required_is_enabled" in by_id["storage.secure_transfer_required"].prowler


def test_selection_and_thresholds(snapshot):
    storage = azaudit.audit(snapshot, checks=["storage.*"])
    assert {f.check_id.split(".")[0] for f in storage.findings} == {"storage"}
    strict = azaudit.audit(snapshot, checks=["storage.access_keys_rotated"], config={"key_rotation_days": 30})
    lenient = azaudit.audit(snapshot, checks=["storage.access_keys_rotated"], config={"key_rotation_days": 900})
    assert len(strict.failed()) > len(lenient.failed())


def test_waivers_and_their_expiry(snapshot):
    waiver = {"check": "network.*", "resource": "*/nsg-dev-vms", "reason": "lab network, SEC-1"}
    report = azaudit.audit(
        snapshot,
        checks="network.rdp_internet_denied",
        waivers=[dict(waiver, expires="2099-01-01")],
        config={"today": "2026-11-30"},
    )
    assert [f.status for f in report.findings if f.resource_id.endswith("nsg-dev-vms")] == ["waived"]
    expired = azaudit.audit(
        snapshot,
        checks="network.rdp_internet_denied",
        waivers=[dict(waiver, expires="2026-01-01")],
        config={"today": "2026-11-30"},
    )
    assert [f.status for f in expired.findings if f.resource_id.endswith("nsg-dev-vms")] == ["fail"]
    assert expired.waivers[0]["expired"] is True


def test_errors_are_typed_with_positions(tmp_path):
    with pytest.raises(azaudit.SnapshotError, match=r"resources\[1\] at line 3"):
        azaudit.Snapshot.from_json('{"version": 1, "resources": [\n{"id": "/a", "type": "t"},\n{"id": 7}]}')
    with pytest.raises(azaudit.SnapshotError, match="version"):
        azaudit.Snapshot.from_json(b'{"version": 2, "resources": []}')
    with pytest.raises(azaudit.SnapshotError, match="nonexistent"):
        azaudit.Snapshot.load(tmp_path / "nonexistent.json")
    snap = azaudit.Snapshot.from_json('{"version": 1, "resources": []}')
    with pytest.raises(azaudit.ConfigError, match="key_rotation_dayz"):
        azaudit.audit(snap, config={"key_rotation_dayz": 3})
    with pytest.raises(azaudit.ConfigError, match="nosuch"):
        azaudit.audit(snap, checks=["nosuch.*"])
    with pytest.raises(azaudit.ConfigError, match="YYYY-MM-DD"):
        azaudit.audit(snap, waivers=[{"check": "storage.*", "reason": "x", "expires": "soon"}])
    assert issubclass(azaudit.SnapshotError, azaudit.AzauditError)
    assert issubclass(azaudit.ConfigError, azaudit.AzauditError)


def test_snapshot_round_trip(snapshot, tmp_path):
    path = tmp_path / "copy.json"
    snapshot.save(path)
    again = azaudit.Snapshot.load(str(path))
    assert len(again) == len(snapshot) == 256
    assert again.tenant_id == snapshot.tenant_id
    assert len(snapshot.subscription_ids) == 3
    assert len(azaudit.Snapshot.from_json(snapshot.to_json())) == 256


def test_dataframe(snapshot):
    pd = pytest.importorskip("pandas")
    report = azaudit.audit(snapshot)
    df = report.to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert list(df.columns)[:3] == ["check_id", "status", "severity"]
    # One row per finding: the failures the report holds, and the demo has many.
    fails = sum(1 for f in report.findings if f.status == "fail")
    assert (df["status"] == "fail").sum() == fails > 100
    html = azaudit.audit(snapshot)._repr_html_()
    assert "<table" in html and "nsg-dev-vms" in html


def test_the_gil_is_released_while_evaluating(tmp_path):
    # A large synthetic tenant keeps the engine busy long enough to see another thread run.
    big = tmp_path / "big.json"
    subprocess.run(
        ["cargo", "run", "-q", "-p", "azaudit-core", "--example", "scale", "--", "gen", "60000", str(big)],
        cwd=ROOT,
        check=True,
    )
    snap = azaudit.Snapshot.load(big)
    ticks = []
    done = threading.Event()

    def ticker() -> None:
        while not done.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    start = time.monotonic()
    azaudit.audit(snap)
    end = time.monotonic()
    done.set()
    t.join()
    during = [x for x in ticks if start < x < end]
    assert end - start > 0.05, "the audit was too quick to tell"
    # With the GIL held the ticker could not run at all while the engine works.
    assert len(during) >= 5, f"{len(during)} ticks in {end - start:.3f}s"


def test_reports_render_in_every_format(snapshot):
    report = azaudit.audit(snapshot)
    sarif = json.loads(report.render("sarif"))
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == len(report.failed())
    # The demo's sandbox was partly forbidden to the collector: 18 gaps, in every machine format.
    assert len(report.coverage_gaps) == 18 and report.summary["coverageGaps"] == 18
    assert sarif["runs"][0]["properties"]["coverageGaps"] == 18
    assert '<property name="coverageGaps" value="18"/>' in report.render("junit")
    assert report.render("csv").startswith("check_id,status")
    assert "<testsuites" in report.render("junit")
    assert report.render("markdown").startswith("## azaudit:")
    assert report.render("html").startswith("<!doctype html>")
    assert len(report.render("ocsf").splitlines()) == len(report.findings)
    with pytest.raises(azaudit.ConfigError, match="yaml"):
        report.render("yaml")
