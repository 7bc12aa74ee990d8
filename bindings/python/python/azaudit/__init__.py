"""Audit the security posture of Microsoft Azure tenants.

    >>> import azaudit
    >>> snapshot = azaudit.Snapshot.load("examples/data/demo-tenant.json")
    >>> report = azaudit.audit(snapshot, checks=["storage.*"])
    >>> report.failed()[0].status
    'fail'

The engine is azaudit's Rust core; this package converts its reports and catalog into typed
Python objects. Evaluation releases the GIL.
"""

from __future__ import annotations

import html
import json
from dataclasses import asdict, dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

from ._azaudit import (
    AzauditError,
    CollectionError,
    ConfigError,
    Snapshot,
    SnapshotError,
    __version__,
    audit_json as _audit_json,
    catalog_json as _catalog_json,
    render_report as _render_report,
)

__all__ = [
    "AzauditError",
    "Check",
    "CollectionError",
    "ConfigError",
    "Finding",
    "Report",
    "Snapshot",
    "SnapshotError",
    "audit",
    "checks",
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
