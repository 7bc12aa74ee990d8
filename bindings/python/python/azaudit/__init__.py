"""Audit the security posture of Microsoft Azure tenants.

    >>> import azaudit
    >>> snapshot = azaudit.Snapshot.load("examples/data/demo-tenant.json")
    >>> report = azaudit.audit(snapshot, checks=["storage.*"])
    >>> report.failed()[0].status
    'fail'

The engine is azaudit's Rust core; this package converts its reports and catalog into typed
Python objects. Evaluation and collection release the GIL.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass
import os
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Protocol, Sequence, Union

from ._azaudit import (
    AzauditError,
    CollectionError,
    ConfigError,
    Snapshot,
    SnapshotError,
    __version__,
    audit_json as _audit_json,
    catalog_json as _catalog_json,
    collect as _collect,
    render_report as _render_report,
)

__all__ = [
    "AccessTokenLike",
    "AzauditError",
    "Check",
    "CollectionError",
    "ConfigError",
    "Finding",
    "Report",
    "Snapshot",
    "SnapshotError",
    "TokenCredential",
    "audit",
    "checks",
    "collect",
    "__version__",
]


@dataclass(frozen=True)
class Check:
    """A check of the catalog: what it reads, its rule, why it matters, how to fix it."""

    id: str
    title: str
    service: str
    level: int
    severity: str
    reads: List[str]
    rule: str
    rationale: str
    remediation: str
    remediation_cli: str
    cis: List[str]
    references: List[str]
    manual: bool
    azure_policy: List[str]
    """Azure Policy built-in definitions for the same recommendation (their GUIDs)."""
    prowler: List[str]
    """Prowler's Azure checks for it (see docs/rule-sources.md for how they compare)."""


@dataclass(frozen=True)
class Finding:
    """What one check says about one resource; the JSON report's keys in snake_case."""

    check_id: str
    status: str
    severity: str
    resource_id: str
    resource_type: str
    subscription_id: Optional[str]
    location: Optional[str]
    message: str
    evidence: Any


_FINDING_KEYS = {
    "checkId": "check_id",
    "status": "status",
    "severity": "severity",
    "resourceId": "resource_id",
    "resourceType": "resource_type",
    "subscriptionId": "subscription_id",
    "location": "location",
    "message": "message",
    "evidence": "evidence",
}


def checks() -> List[Check]:
    """The check catalog."""
    out = []
    for m in json.loads(_catalog_json()):
        out.append(
            Check(
                id=m["id"],
                title=m["title"],
                service=m["service"],
                level=m["level"],
                severity=m["severity"],
                reads=list(m["reads"]),
                rule=m["rule"],
                rationale=m["rationale"],
                remediation=m["remediation"]["portal"],
                remediation_cli=m["remediation"]["cli"],
                cis=list(m["cis"]),
                references=list(m["references"]),
                manual=bool(m["manual"]),
                azure_policy=[d["id"] for d in (m.get("counterparts") or {}).get("azurePolicy", [])],
                prowler=list((m.get("counterparts") or {}).get("prowler", [])),
            )
        )
    return out


class Report:
    """The result of an audit: findings, a summary, the checks run and the waivers used."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self._document = dict(document)
        self.findings: List[Finding] = [
            Finding(**{_FINDING_KEYS[k]: v for k, v in f.items() if k in _FINDING_KEYS})
            for f in document["findings"]
        ]
        self.summary: Dict[str, Any] = dict(document["summary"])
        self.checks: List[Dict[str, Any]] = list(document["checks"])
        self.waivers: List[Dict[str, Any]] = list(document.get("waivers", []))
        #: What the checks needed and the snapshot did not hold whole (a partial collection):
        #: ``scope``, ``type``, ``status`` and ``reason`` of each.
        self.coverage_gaps: List[Dict[str, Any]] = list(document.get("coverageGaps", []))

    def failed(self) -> List[Finding]:
        """The failing findings."""
        return [f for f in self.findings if f.status == "fail"]

    def to_dict(self) -> Dict[str, Any]:
        """The report as the JSON report's document (camelCase keys)."""
        return json.loads(json.dumps(self._document))  # a deep copy

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The report as JSON, in the command line's `--format json` form."""
        return json.dumps(self._document, indent=indent)

    def render(self, format: str) -> str:
        """The report in another format: ``sarif``, ``csv``, ``junit``, ``markdown``, ``ocsf``,
        ``html`` or ``text`` (the command line's ``--format``)."""
        return _render_report(json.dumps(self._document), format)

    def to_dataframe(self) -> Any:
        """The findings as a pandas DataFrame, one row per finding (requires pandas)."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError(
                "Report.to_dataframe() needs pandas: pip install 'azaudit[pandas]'"
            ) from e
        return pd.DataFrame([asdict(f) for f in self.findings], columns=list(_FINDING_KEYS.values()))

    def __len__(self) -> int:
        return len(self.findings)

    def __repr__(self) -> str:
        by = self.summary.get("byStatus", {})
        counts = ", ".join(f"{by.get(s, 0)} {s}" for s in ("fail", "unknown", "manual", "waived", "pass"))
        return f"<azaudit.Report {len(self.findings)} findings: {counts}>"

    def _repr_html_(self) -> str:
        """A notebook's view: the summary, then the failed findings as a table."""
        by = self.summary.get("byStatus", {})
        cards = "".join(
            f"<td style='padding:4px 12px'><b>{by.get(s, 0)}</b> {s}</td>"
            for s in ("fail", "unknown", "manual", "waived", "pass")
        )
        rows = "".join(
            "<tr>"
            + "".join(
                f"<td>{html.escape(str(v))}</td>"
                for v in (f.severity, f.check_id, f.resource_id.rsplit("/", 1)[-1], f.message)
            )
            + "</tr>"
            for f in sorted(self.failed(), key=lambda f: _SEVERITY_ORDER.get(f.severity, 9))
        )
        return (
            f"<div><p>{len(self.findings)} findings from {self.summary.get('checks', 0)} checks</p>"
            f"<table><tr>{cards}</tr></table>"
            "<table><thead><tr><th>severity</th><th>check</th><th>resource</th><th>message</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></div>"
        )


_SEVERITY_ORDER = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


def audit(
    snapshot: Snapshot,
    *,
    checks: Optional[Union[str, Sequence[str]]] = None,
    config: Optional[Mapping[str, Any]] = None,
    waivers: Optional[Iterable[Mapping[str, Any]]] = None,
) -> Report:
    """Run the checks over a snapshot.

    ``checks`` selects checks by id or glob (``"storage.*"``); ``config`` holds the thresholds
    of the catalog (``{"key_rotation_days": 30}``); ``waivers`` are dicts with ``check``,
    ``resource``, ``reason`` and ``expires``. A refused configuration raises ``ConfigError``.
    """
    if isinstance(checks, str):
        checks = [c.strip() for c in checks.split(",") if c.strip()]
    cfg: Dict[str, Any] = dict(config or {})
    if waivers is not None:
        cfg["waivers"] = [dict(w) for w in waivers]
    config_json = json.dumps(cfg) if cfg else None
    return Report(json.loads(_audit_json(snapshot, list(checks) if checks else None, config_json)))


class AccessTokenLike(Protocol):
    """What ``get_token`` returns: azure-identity's ``AccessToken`` has both."""

    @property
    def token(self) -> str: ...

    @property
    def expires_on(self) -> int: ...


class TokenCredential(Protocol):
    """azure-identity's credential protocol (``DefaultAzureCredential()`` satisfies it)."""

    def get_token(self, *scopes: str) -> AccessTokenLike: ...


_ENDPOINT_KEYS = ("arm", "graph", "authority")


def collect(
    credential: Optional[TokenCredential] = None,
    *,
    subscriptions: Optional[Sequence[str]] = None,
    cloud: str = "AzureCloud",
    endpoints: Optional[Mapping[str, str]] = None,
    ca_cert: Optional[Union[str, "os.PathLike[str]"]] = None,
    checks: Optional[Union[str, Sequence[str]]] = None,
    progress: Optional[Callable[[int, int], None]] = None,
    tenant_id: Optional[str] = None,
    concurrency: int = 8,
    request_timeout: float = 30.0,
    fetch_timeout: float = 1800.0,
) -> Snapshot:
    """Collect a tenant's configuration from Azure Resource Manager and Microsoft Graph.

    ``credential`` is any object with azure-identity's ``get_token(*scopes)`` (for example
    ``azure.identity.DefaultAzureCredential()``); ``None`` uses azaudit's own default chain
    (``AZURE_CLIENT_SECRET`` and friends, workload identity, managed identity, ``az login``).
    ``subscriptions`` defaults to every enabled subscription the credential can see.
    ``cloud`` is ``AzureCloud``, ``AzureUSGovernment``, ``AzureChinaCloud`` or ``custom``;
    ``endpoints`` (keys ``arm``, ``graph``, ``authority``) overrides or, for ``custom``,
    gives the URLs. ``ca_cert`` is a PEM file of extra trusted CA certificates. Only what the
    selected ``checks`` read is collected. ``progress(done, total)`` is called as requests
    finish. The GIL is released meanwhile, and Ctrl-C stops the collection.
    ``request_timeout`` bounds one request (seconds, each attempt); ``fetch_timeout`` one
    (scope, type) with all its requests, retries and pages, past which it is recorded as an
    error and the scan goes on.

    A request that fails (403, retries exhausted) does not raise: it is recorded in the
    snapshot's coverage and the checks report unknown for it. ``CollectionError`` is raised
    when nothing can be collected (no token, no subscription); ``ConfigError`` for bad options.
    """
    eps = dict(endpoints or {})
    unknown = sorted(set(eps) - set(_ENDPOINT_KEYS))
    if unknown:
        raise ConfigError(f"unknown endpoint keys {unknown}: expected {list(_ENDPOINT_KEYS)}")
    if isinstance(checks, str):
        checks = [c.strip() for c in checks.split(",") if c.strip()]
    return _collect(
        credential,
        list(subscriptions) if subscriptions else None,
        cloud,
        eps.get("arm"),
        eps.get("graph"),
        eps.get("authority"),
        os.fspath(ca_cert) if ca_cert is not None else None,
        list(checks) if checks else None,
        progress,
        tenant_id,
        concurrency,
        request_timeout,
        fetch_timeout,
    )
