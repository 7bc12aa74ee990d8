"""azaudit.collect against the local fake Azure (tests/fake-azure), with Python credentials."""

import json
import pathlib
import subprocess
import threading
import time
from typing import Iterator, List, NamedTuple, Tuple

import pytest

import azaudit

ROOT = pathlib.Path(__file__).resolve().parents[3]
DEMO = ROOT / "examples" / "data" / "demo-tenant.json"
PROD = "3b7e4c1a-52d9-4e8f-9a6b-1f2c3d4e5a01"
DEV = "8d2f6b9e-07c1-4a3d-b5e8-2a4c6e8f0b02"


class AccessToken(NamedTuple):
    token: str
    expires_on: int


class StaticCredential:
    """Shaped like azure-identity's credentials: get_token(*scopes) -> AccessToken."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.scopes: List[Tuple[str, ...]] = []

    def get_token(self, *scopes: str, **kwargs: object) -> AccessToken:
        self.scopes.append(scopes)
        return AccessToken(self.token, int(time.time()) + 3600)


def fake_azure(*args: str) -> Iterator[dict]:
    proc = subprocess.Popen(
        ["cargo", "run", "-q", "-p", "azaudit-fake-azure", "--bin", "fake-azure", "--",
         "--snapshot", str(DEMO), *args],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None and proc.stdin is not None
    hello = json.loads(proc.stdout.readline())
    try:
        yield hello
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def server() -> Iterator[dict]:
    yield from fake_azure()


@pytest.fixture(scope="module")
def slow_server() -> Iterator[dict]:
    yield from fake_azure("--latency-ms", "150")


def endpoints(s: dict) -> dict:
    return {"arm": s["url"], "graph": s["url"], "authority": s["url"]}


def test_collect_with_a_python_credential(server):
    cred = StaticCredential(server["token"])
    seen: List[Tuple[int, int]] = []
    snap = azaudit.collect(
        cred,
        subscriptions=[PROD, DEV],
        cloud="custom",
        endpoints=endpoints(server),
        ca_cert=server["caPath"],
        checks="storage.*,iam.*",
        progress=lambda done, total: seen.append((done, total)),
    )
    assert snap.tenant_id == server["tenantId"]
    assert sorted(snap.subscription_ids) == sorted([PROD, DEV])
    report = azaudit.audit(snap)
    failed = {f.check_id for f in report.failed()}
    assert {"storage.secure_transfer_required", "iam.mfa_privileged_users"} <= failed
    assert all("c41e9a7d" not in f.resource_id for f in report.findings)
    # One token per API, asked with the cloud's scopes; then cached.
    assert sorted(s[0] for s in cred.scopes) == [server["url"] + "/.default"] * 2
    assert seen and seen[-1][0] == seen[-1][1]
    assert all(d <= t for d, t in seen)
    # In order: neither count ever goes back.
    assert all(a[0] <= b[0] and a[1] <= b[1] for a, b in zip(seen, seen[1:])), seen
    assert server["token"] not in snap.to_json()


def test_a_failing_credential_raises_collection_error(server):
    class Broken:
        def get_token(self, *scopes: str) -> AccessToken:
            raise RuntimeError("AADSTS700016: application not found")

    with pytest.raises(azaudit.CollectionError, match="RuntimeError: AADSTS700016"):
        azaudit.collect(Broken(), cloud="custom", endpoints=endpoints(server),
                        ca_cert=server["caPath"], checks=["storage.*"])
    with pytest.raises(TypeError, match="get_token"):
        azaudit.collect(object(), cloud="custom", endpoints=endpoints(server))  # type: ignore[arg-type]


def test_a_rejected_token_is_recorded_as_coverage_not_raised(server):
    snap = azaudit.collect(StaticCredential("not-a-valid-token"), subscriptions=[PROD],
                           cloud="custom", endpoints=endpoints(server),
                           ca_cert=server["caPath"], checks=["storage.secure_transfer_required"])
    report = azaudit.audit(snap, checks="storage.secure_transfer_required")
    assert report.findings and all(f.status == "unknown" for f in report.findings)
    assert any("InvalidAuthenticationToken" in f.message for f in report.findings)


def test_bad_options_raise_config_error(server):
    with pytest.raises(azaudit.ConfigError, match="custom"):
        azaudit.collect(StaticCredential("t"), cloud="custom")
    with pytest.raises(azaudit.ConfigError, match="mars"):
        azaudit.collect(StaticCredential("t"), cloud="mars")
    with pytest.raises(azaudit.ConfigError, match="https"):
        azaudit.collect(StaticCredential("t"), cloud="custom",
                        endpoints={"arm": "http://127.0.0.1:1", "graph": "https://g", "authority": "https://a"})
    with pytest.raises(azaudit.ConfigError, match="unknown endpoint keys"):
        azaudit.collect(StaticCredential("t"), endpoints={"armm": "https://x"})
    with pytest.raises(azaudit.ConfigError, match="request_timeout"):
        azaudit.collect(StaticCredential("t"), cloud="custom", endpoints=endpoints(server),
                        request_timeout=0)


def test_a_slow_endpoint_costs_the_fetch_timeout_and_is_a_gap(slow_server):
    # Every response of this server takes 150 ms; a fetch may take 0.1 s.
    started = time.monotonic()
    snap = azaudit.collect(StaticCredential(slow_server["token"]), subscriptions=[PROD],
                           cloud="custom", endpoints=endpoints(slow_server),
                           ca_cert=slow_server["caPath"],
                           checks="storage.secure_transfer_required", fetch_timeout=0.1)
    assert time.monotonic() - started < 5
    report = azaudit.audit(snap, checks="storage.secure_transfer_required")
    assert any("did not finish within" in g["reason"] for g in report.coverage_gaps), report.coverage_gaps
    assert report.findings and all(f.status == "unknown" for f in report.findings)


def test_the_gil_is_released_while_collecting(slow_server):
    ticks = 0
    stop = threading.Event()

    def tick() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            time.sleep(0.01)

    t = threading.Thread(target=tick)
    t.start()
    started = time.monotonic()
    azaudit.collect(StaticCredential(slow_server["token"]), subscriptions=[PROD], cloud="custom",
                    endpoints=endpoints(slow_server), ca_cert=slow_server["caPath"],
                    checks=["storage.*"])
    elapsed = time.monotonic() - started
    stop.set()
    t.join()
    assert elapsed > 0.3
    # A thread starved of the GIL would tick about once per switch interval at best.
    assert ticks >= elapsed / 0.01 * 0.5, (ticks, elapsed)


def test_ctrl_c_stops_a_collection(slow_server):
    import _thread
    import signal

    # Python raises KeyboardInterrupt on SIGINT only when it did not start with SIGINT
    # ignored, as it does when started in the background by a shell (`cmd &`), where
    # interrupt_main() does nothing. Set the handler a terminal session has.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.4, _thread.interrupt_main)
    timer.start()
    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            azaudit.collect(StaticCredential(slow_server["token"]), cloud="custom",
                            endpoints=endpoints(slow_server), ca_cert=slow_server["caPath"])
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    # The whole collection against this server takes several seconds.
    assert time.monotonic() - started < 2.0
