"""Audit the security posture of Microsoft Azure tenants.

    >>> import azaudit
    >>> snapshot = azaudit.Snapshot.load("examples/data/demo-tenant.json")
    >>> report = azaudit.audit(snapshot, checks=["storage.*"])
    >>> report.failed()[0].status
    'fail'

The engine is azaudit's Rust core; this package converts its reports and catalog into typed
Python objects (the dataclasses of ``azaudit._types``, generated from the Rust types), and a
report renders from the core's value. Evaluation and collection release the GIL.
"""

from __future__ import annotations

import json
from dataclasses import asdict
import os
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Protocol, Sequence, Union

from ._azaudit import (
    AzauditError,
    CollectionError,
    ConfigError,
    Report as _NativeReport,
    Snapshot,
    SnapshotError,
    __version__,
    audit as _audit,
    catalog_json as _catalog_json,
    collect as _collect,
)
from . import _types
from ._types import (
    CheckList,
    CheckOutcome,
    CollectConfig,
    Counterparts,
    CoverageGap,
    CoverageStatus,
    Endpoints,
    Finding,
    PolicyDefinition,
    Remediation,
    Severity,
    Status,
    Summary,
    Waiver,
    WaiverUse,
)

__all__ = [
    "AccessTokenLike",
    "AzauditError",
    "Check",
    "CheckList",
    "CheckOutcome",
    "CollectConfig",
    "CollectionError",
    "ConfigError",
    "Counterparts",
    "CoverageGap",
    "CoverageStatus",
    "Endpoints",
    "Finding",
    "PolicyDefinition",
    "Remediation",
    "Report",
    "Severity",
    "Snapshot",
    "SnapshotError",
    "Status",
    "Summary",
    "TokenCredential",
    "Waiver",
    "WaiverUse",
    "audit",
    "checks",
    "collect",
    "__version__",
]

_FINDING_COLUMNS = [
    "check_id",
    "status",
    "severity",
    "resource_id",
    "resource_type",
    "subscription_id",
    "location",
    "message",
    "evidence",
]


class Check(_types.Check):
    """A check of the catalog: what it reads, its rule, why it matters, how to fix it."""

    @property
    def remediation_cli(self) -> str:
        """The ``az`` command (or Graph call) that fixes a failure (``remediation.cli``)."""
        return self.remediation.cli

    @property
    def azure_policy(self) -> List[str]:
        """Azure Policy built-in definitions for the same recommendation (their GUIDs)."""
        return [d.id for d in self.counterparts.azure_policy] if self.counterparts else []

    @property
    def prowler(self) -> List[str]:
        """Prowler's Azure checks for it (see docs/rule-sources.md for how they compare)."""
        return list(self.counterparts.prowler) if self.counterparts else []


def checks() -> List[Check]:
    """The check catalog."""
    return [Check.from_dict(m) for m in json.loads(_catalog_json())]


class Report(_types.Report):
    """The result of an audit: findings, a summary, the checks run and the waivers used.

    It keeps the engine's report: ``render`` and the notebook view are the core's writers."""

    _native: _NativeReport

    @classmethod
    def _of(cls, native: _NativeReport) -> "Report":
        report = cls.from_dict(json.loads(native.to_json()))
        object.__setattr__(report, "_native", native)
        return report

    def failed(self) -> List[Finding]:
        """The failing findings."""
        return [f for f in self.findings if f.status == "fail"]

    def to_dict(self) -> Dict[str, Any]:
        """The report as the JSON report's document (camelCase keys)."""
        result: Dict[str, Any] = json.loads(self._native.to_json())
        return result

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The report as JSON, in the command line's `--format json` form."""
        return json.dumps(self.to_dict(), indent=indent)

    def render(self, format: str) -> str:
        """The report in another format: ``sarif``, ``csv``, ``junit``, ``markdown``, ``ocsf``,
        ``html`` or ``text`` (the command line's ``--format``)."""
        return self._native.render(format)

    def to_dataframe(self) -> Any:
        """The findings as a pandas DataFrame, one row per finding (requires pandas)."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise ImportError(
                "Report.to_dataframe() needs pandas: pip install 'azaudit[pandas]'"
            ) from e
        return pd.DataFrame([asdict(f) for f in self.findings], columns=_FINDING_COLUMNS)

    def __len__(self) -> int:
        return len(self.findings)

    def __repr__(self) -> str:
        by = self.summary.by_status
        counts = ", ".join(f"{by.get(s, 0)} {s}" for s in ("fail", "unknown", "manual", "waived", "pass"))
        return f"<azaudit.Report {len(self.findings)} findings: {counts}>"

    def _repr_html_(self) -> str:
        """A notebook's view: the core's HTML report (``render("html")``)."""
        return self._native.render("html")


def audit(
    snapshot: Snapshot,
    *,
    checks: Optional[Union[str, Sequence[str]]] = None,
    config: Optional[Mapping[str, Any]] = None,
    waivers: Optional[Iterable[Mapping[str, Any]]] = None,
) -> Report:
    """Run the checks over a snapshot.

    ``checks`` selects checks by id or glob (``"storage.*"``), as a list or comma-separated;
    ``config`` holds the thresholds of the catalog (``{"key_rotation_days": 30}``); ``waivers``
    are dicts with ``check``, ``resource``, ``reason`` and ``expires``. A refused configuration
    raises ``ConfigError``.
    """
    cfg: Dict[str, Any] = dict(config or {})
    if waivers is not None:
        cfg["waivers"] = [dict(w) for w in waivers]
    config_json = json.dumps(cfg) if cfg else None
    selection = checks if checks is None or isinstance(checks, str) else list(checks)
    return Report._of(_audit(snapshot, selection, config_json))


class AccessTokenLike(Protocol):
    """What ``get_token`` returns: azure-identity's ``AccessToken`` has both."""

    @property
    def token(self) -> str: ...

    @property
    def expires_on(self) -> int: ...


class TokenCredential(Protocol):
    """azure-identity's credential protocol (``DefaultAzureCredential()`` satisfies it)."""

    def get_token(self, *scopes: str) -> AccessTokenLike: ...


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
    max_retries: Optional[int] = None,
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
    error and the scan goes on. ``max_retries`` bounds the retries of a throttled or failed
    request (default 4). The options are those of ``CollectConfig``, validated by the collector.

    A request that fails (403, retries exhausted) does not raise: it is recorded in the
    snapshot's coverage and the checks report unknown for it. ``CollectionError`` is raised
    when nothing can be collected (no token, no subscription); ``ConfigError`` for bad options.
    """
    config: Dict[str, Any] = {
        "cloud": cloud,
        "subscriptions": list(subscriptions or []),
        "tenantId": tenant_id,
        "checks": checks if checks is None or isinstance(checks, str) else list(checks),
        "concurrency": concurrency,
        "requestTimeout": request_timeout,
        "fetchTimeout": fetch_timeout,
        "maxRetries": max_retries,
        "caCert": os.fspath(ca_cert) if ca_cert is not None else None,
    }
    if endpoints is not None:
        config["endpoints"] = dict(endpoints)
    try:
        config_json = json.dumps(config, allow_nan=False)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"invalid collection options: {e}") from None
    return _collect(credential, config_json, progress)
