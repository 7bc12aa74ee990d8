# Generated from the Rust types' JSON Schemas by bindings/typegen (AZAUDIT_BLESS=1 cargo test -p azaudit-typegen); do not edit.
"""The JSON report's and the catalog's documents, and the options of a live collection, as
frozen dataclasses (``from_dict`` reads the JSON document, ``to_dict`` writes it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Dict, FrozenSet, Iterator, List, Literal, Mapping, Optional, Type, TypeVar, Union


def _plain(value: Any) -> Any:
    """A value as JSON has it: records as dicts with their JSON keys."""
    if isinstance(value, _Record):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Record:
    """What the generated records share: they read as the JSON documents' dicts did
    (``report.summary["byStatus"]``, ``gap["reason"]``), by their JSON keys."""

    _KEYS: ClassVar[Dict[str, str]] = {}
    _OPTIONAL: ClassVar[FrozenSet[str]] = frozenset()

    def __getitem__(self, key: str) -> Any:
        if key not in self._KEYS:
            raise KeyError(key)
        return getattr(self, self._KEYS[key])

    def get(self, key: str, default: Any = None) -> Any:
        """The value under a JSON key, or ``default``."""
        return getattr(self, self._KEYS[key]) if key in self._KEYS else default

    def keys(self) -> List[str]:
        """The JSON keys."""
        return list(self._KEYS)

    def __iter__(self) -> Iterator[str]:
        return iter(self._KEYS)

    def to_dict(self) -> Dict[str, Any]:
        """The record as its JSON document (camelCase keys); absent optional values left out."""
        out: Dict[str, Any] = {}
        for key, attr in self._KEYS.items():
            value = getattr(self, attr)
            if value is None and key in self._OPTIONAL:
                continue
            out[key] = _plain(value)
        return out

__all__ = [
    "Check",
    "CheckList",
    "CheckOutcome",
    "CollectConfig",
    "Counterparts",
    "CoverageGap",
    "CoverageStatus",
    "Endpoints",
    "Finding",
    "PolicyDefinition",
    "Remediation",
    "Report",
    "Severity",
    "Status",
    "Summary",
    "Waiver",
    "WaiverUse",
]


Status = Literal["fail", "unknown", "manual", "waived", "pass"]
"""The outcome of a check for one resource.
- `fail`: The resource fails the rule.
- `unknown`: The data needed was missing, forbidden, not collected, or lacked the property.
- `manual`: Azure exposes no API for it: a person must look; the message says where.
- `waived`: A failure a waiver accepts for now.
- `pass`: The resource meets the rule."""


Severity = Literal["info", "low", "medium", "high", "critical"]
"""How bad a failure is.
- `info`: Informational.
- `low`: Low.
- `medium`: Medium.
- `high`: High.
- `critical`: Critical."""


_FindingT = TypeVar("_FindingT", bound="Finding")


@dataclass(frozen=True)
class Finding(_Record):
    """What one check says about one resource."""

    check_id: str
    """The check's stable id, e.g. `storage.secure_transfer_required`."""
    status: Status
    """The outcome."""
    severity: Severity
    """The severity of the check (or of this particular failure)."""
    resource_id: str
    """The ARM id (or `/tenants/<id>/...` id) the finding is about, exactly as Azure wrote it."""
    resource_type: str
    """The resource's type."""
    subscription_id: Optional[str]
    """The subscription, when the resource is in one."""
    location: Optional[str]
    """The resource's region, when it has one."""
    message: str
    """One sentence a person can act on."""
    evidence: Any
    """The property values the rule read."""
    change: Optional[Literal["new", "unchanged"]] = None
    """For a failure, whether it is new against the baseline (when compared with one)."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "checkId": "check_id",
        "status": "status",
        "severity": "severity",
        "resourceId": "resource_id",
        "resourceType": "resource_type",
        "subscriptionId": "subscription_id",
        "location": "location",
        "message": "message",
        "evidence": "evidence",
        "change": "change",
    }
    _OPTIONAL: ClassVar[FrozenSet[str]] = frozenset({"change"})

    @classmethod
    def from_dict(cls: Type[_FindingT], document: Mapping[str, Any]) -> _FindingT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            check_id=document["checkId"],
            status=document["status"],
            severity=document["severity"],
            resource_id=document["resourceId"],
            resource_type=document["resourceType"],
            subscription_id=document["subscriptionId"],
            location=document["location"],
            message=document["message"],
            evidence=document["evidence"],
            change=document.get("change"),
        )


_SummaryT = TypeVar("_SummaryT", bound="Summary")


@dataclass(frozen=True)
class Summary(_Record):
    """Counts by status, severity and service."""

    tenant_id: Optional[str]
    """The tenant audited, when known."""
    subscriptions: int
    """Subscriptions in the snapshot."""
    subscription_names: Dict[str, str]
    """Display names of the subscriptions that have one, by subscription id."""
    records: int
    """Records in the snapshot."""
    collected_at: Optional[str]
    """When the snapshot was collected."""
    evaluated_at: str
    """The time ages were judged against."""
    checks: int
    """Checks run."""
    findings: int
    """Findings in all."""
    by_status: Dict[str, int]
    """Findings per status."""
    by_severity: Dict[str, Dict[str, int]]
    """Findings per severity, then status."""
    by_service: Dict[str, Dict[str, int]]
    """Findings per service, then status."""
    coverage_gaps: int
    """(scope, type)s the checks needed that were not collected whole."""
    resource_names: Optional[Dict[str, str]] = None
    """The names people know for the resources the findings are about whose id ends in an
    opaque id (a user's UPN, a custom role's name), by resource id."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "tenantId": "tenant_id",
        "subscriptions": "subscriptions",
        "subscriptionNames": "subscription_names",
        "resourceNames": "resource_names",
        "records": "records",
        "collectedAt": "collected_at",
        "evaluatedAt": "evaluated_at",
        "checks": "checks",
        "findings": "findings",
        "byStatus": "by_status",
        "bySeverity": "by_severity",
        "byService": "by_service",
        "coverageGaps": "coverage_gaps",
    }
    _OPTIONAL: ClassVar[FrozenSet[str]] = frozenset({"resourceNames"})

    @classmethod
    def from_dict(cls: Type[_SummaryT], document: Mapping[str, Any]) -> _SummaryT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            tenant_id=document["tenantId"],
            subscriptions=document["subscriptions"],
            subscription_names=dict(document["subscriptionNames"]),
            records=document["records"],
            collected_at=document["collectedAt"],
            evaluated_at=document["evaluatedAt"],
            checks=document["checks"],
            findings=document["findings"],
            by_status=dict(document["byStatus"]),
            by_severity={k0: dict(v0) for k0, v0 in document["bySeverity"].items()},
            by_service={k0: dict(v0) for k0, v0 in document["byService"].items()},
            coverage_gaps=document["coverageGaps"],
            resource_names=None if document.get("resourceNames") is None else dict(document["resourceNames"]),
        )


_CheckOutcomeT = TypeVar("_CheckOutcomeT", bound="CheckOutcome")


@dataclass(frozen=True)
class CheckOutcome(_Record):
    """What one check did in a run."""

    id: str
    """Check id."""
    title: str
    """Title."""
    service: str
    """Service."""
    level: int
    """Benchmark level."""
    severity: Severity
    """Severity."""
    counts: Dict[str, int]
    """Findings per status."""
    remediation: str
    """How to fix a failure (portal)."""
    remediation_cli: str
    """How to fix a failure (CLI)."""
    rationale: str
    """Why it matters."""
    cis: List[str]
    """CIS Azure Foundations 3.0.0 recommendations."""
    error: Optional[str] = None
    """Set when the check failed to run; its findings are then `unknown`."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "id": "id",
        "title": "title",
        "service": "service",
        "level": "level",
        "severity": "severity",
        "counts": "counts",
        "remediation": "remediation",
        "remediationCli": "remediation_cli",
        "rationale": "rationale",
        "cis": "cis",
        "error": "error",
    }
    _OPTIONAL: ClassVar[FrozenSet[str]] = frozenset({"error"})

    @classmethod
    def from_dict(cls: Type[_CheckOutcomeT], document: Mapping[str, Any]) -> _CheckOutcomeT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            id=document["id"],
            title=document["title"],
            service=document["service"],
            level=document["level"],
            severity=document["severity"],
            counts=dict(document["counts"]),
            remediation=document["remediation"],
            remediation_cli=document["remediationCli"],
            rationale=document["rationale"],
            cis=list(document["cis"]),
            error=document.get("error"),
        )


CoverageStatus = Literal["ok", "forbidden", "error", "notCollected", "throttled"]
"""What happened when one (scope, type) was collected.
- `ok`: Collected completely.
- `forbidden`: The caller lacks permission (HTTP 403).
- `error`: Collection failed (error body, malformed response, retries exhausted).
- `notCollected`: Not requested (no selected check reads it, or the collector does not support it).
- `throttled`: Azure throttled the requests and asked for a longer wait than the collector allows."""


_CoverageGapT = TypeVar("_CoverageGapT", bound="CoverageGap")


@dataclass(frozen=True)
class CoverageGap(_Record):
    """One (scope, type) a check needed that was not collected whole."""

    scope: str
    """`/subscriptions/<id>` or `/tenants/<id>`."""
    type: str
    """The type (as the checks read it)."""
    status: CoverageStatus
    """How it failed."""
    reason: str
    """Why, as the coverage record says."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "scope": "scope",
        "type": "type",
        "status": "status",
        "reason": "reason",
    }

    @classmethod
    def from_dict(cls: Type[_CoverageGapT], document: Mapping[str, Any]) -> _CoverageGapT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            scope=document["scope"],
            type=document["type"],
            status=document["status"],
            reason=document["reason"],
        )


_WaiverUseT = TypeVar("_WaiverUseT", bound="WaiverUse")


@dataclass(frozen=True)
class WaiverUse(_Record):
    """How a waiver was used in a run."""

    check: str
    """Check id, or a glob over ids (`storage.*`)."""
    resource: str
    """Glob over resource ids (case-insensitive; `*` matches anything, `?` one character)."""
    reason: str
    """Why the failure is accepted (shown in reports)."""
    expired: bool
    """It is past its expiry date and was not applied."""
    matched: int
    """Failing findings it matched."""
    expires: Optional[str] = None
    """Last day the waiver applies (`YYYY-MM-DD`, inclusive); none means no expiry."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "check": "check",
        "resource": "resource",
        "reason": "reason",
        "expires": "expires",
        "expired": "expired",
        "matched": "matched",
    }
    _OPTIONAL: ClassVar[FrozenSet[str]] = frozenset({"expires"})

    @classmethod
    def from_dict(cls: Type[_WaiverUseT], document: Mapping[str, Any]) -> _WaiverUseT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            check=document["check"],
            resource=document["resource"],
            reason=document["reason"],
            expired=document["expired"],
            matched=document["matched"],
            expires=document.get("expires"),
        )


_ReportT = TypeVar("_ReportT", bound="Report")


@dataclass(frozen=True)
class Report(_Record):
    """The result of a run."""

    version: int
    """Report format version (1)."""
    summary: Summary
    """Counts."""
    findings: List[Finding]
    """Every finding, in catalog order."""
    checks: List[CheckOutcome]
    """Every check run."""
    waivers: List[WaiverUse]
    """The waivers configured and how they applied."""
    coverage_gaps: List[CoverageGap]
    """What the checks run needed and the snapshot does not hold whole (a partial
    collection): their findings there are `unknown`."""
    baseline: Optional[Any] = None
    """The comparison with a baseline report, when one was given."""
    compliance: Optional[Any] = None
    """The report through a compliance framework, when one was asked for."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "version": "version",
        "summary": "summary",
        "findings": "findings",
        "checks": "checks",
        "waivers": "waivers",
        "baseline": "baseline",
        "compliance": "compliance",
        "coverageGaps": "coverage_gaps",
    }
    _OPTIONAL: ClassVar[FrozenSet[str]] = frozenset({"baseline", "compliance"})

    @classmethod
    def from_dict(cls: Type[_ReportT], document: Mapping[str, Any]) -> _ReportT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            version=document["version"],
            summary=Summary.from_dict(document["summary"]),
            findings=[Finding.from_dict(v0) for v0 in document["findings"]],
            checks=[CheckOutcome.from_dict(v0) for v0 in document["checks"]],
            waivers=[WaiverUse.from_dict(v0) for v0 in document["waivers"]],
            coverage_gaps=[CoverageGap.from_dict(v0) for v0 in document["coverageGaps"]],
            baseline=document.get("baseline"),
            compliance=document.get("compliance"),
        )


_RemediationT = TypeVar("_RemediationT", bound="Remediation")


@dataclass(frozen=True)
class Remediation(_Record):
    """How to fix a failing resource."""

    portal: str
    """Steps in the Azure portal (or Entra admin center)."""
    cli: str
    """An `az` CLI command (or Graph call) that fixes it; empty when there is none."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "portal": "portal",
        "cli": "cli",
    }

    @classmethod
    def from_dict(cls: Type[_RemediationT], document: Mapping[str, Any]) -> _RemediationT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            portal=document["portal"],
            cli=document["cli"],
        )


_PolicyDefinitionT = TypeVar("_PolicyDefinitionT", bound="PolicyDefinition")


@dataclass(frozen=True)
class PolicyDefinition(_Record):
    """An Azure Policy built-in definition."""

    id: str
    """The definition's name (a GUID, as Azure spells it)."""
    name: str
    """Its display name."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "id": "id",
        "name": "name",
    }

    @classmethod
    def from_dict(cls: Type[_PolicyDefinitionT], document: Mapping[str, Any]) -> _PolicyDefinitionT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            id=document["id"],
            name=document["name"],
        )


_CounterpartsT = TypeVar("_CounterpartsT", bound="Counterparts")


@dataclass(frozen=True)
class Counterparts(_Record):
    """How one check lines up with its counterparts."""

    azure_policy: List[PolicyDefinition]
    """Azure Policy built-in definitions for the same recommendation."""
    azure_policy_decides: str
    """What they decide."""
    prowler: List[str]
    """Prowler's Azure check ids."""
    prowler_decides: str
    """What they decide."""
    differences: str
    """Where azaudit's rule differs, property by property, and which way each was decided."""
    decision: str
    """What this release changed, kept by design, or leaves open."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "azurePolicy": "azure_policy",
        "azurePolicyDecides": "azure_policy_decides",
        "prowler": "prowler",
        "prowlerDecides": "prowler_decides",
        "differences": "differences",
        "decision": "decision",
    }

    @classmethod
    def from_dict(cls: Type[_CounterpartsT], document: Mapping[str, Any]) -> _CounterpartsT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            azure_policy=[PolicyDefinition.from_dict(v0) for v0 in document["azurePolicy"]],
            azure_policy_decides=document["azurePolicyDecides"],
            prowler=list(document["prowler"]),
            prowler_decides=document["prowlerDecides"],
            differences=document["differences"],
            decision=document["decision"],
        )


_CheckT = TypeVar("_CheckT", bound="Check")


@dataclass(frozen=True)
class Check(_Record):
    """A check of the catalog: its metadata and its counterparts elsewhere."""

    id: str
    """Stable id, `<service>.<name>` (listed in `docs/checks.md`); never renamed."""
    title: str
    """One line saying what a passing resource looks like."""
    service: str
    """The service, the first part of the id (`iam`, `storage`, ...): the `checks/<service>`
    module the check lives in."""
    level: int
    """The benchmark level: 1 (prudent, no extra technology) or 2 (defence in depth)."""
    severity: Severity
    """Severity of a failing finding."""
    reads: List[str]
    """The resource types it reads, by name (ARM, `Microsoft.Graph/...`, or `Azaudit/...`):
    what the collector fetches for it, and where coverage gaps are looked for. In Rust,
    entries of the registry ([`crate::resource_types`])."""
    rule: str
    """The rule, precisely: when it passes, fails, and is unknown."""
    rationale: str
    """Why it matters."""
    remediation: Remediation
    """How to fix it."""
    cis: List[str]
    """CIS Microsoft Azure Foundations Benchmark 3.0.0 recommendations it implements."""
    references: List[str]
    """Further reading (Microsoft Learn pages)."""
    manual: bool
    """True when Azure exposes no API for it, so findings may be `manual`."""
    counterparts: Optional[Counterparts]
    """The same recommendation elsewhere: Azure Policy built-in definitions and Prowler checks."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "id": "id",
        "title": "title",
        "service": "service",
        "level": "level",
        "severity": "severity",
        "reads": "reads",
        "rule": "rule",
        "rationale": "rationale",
        "remediation": "remediation",
        "cis": "cis",
        "references": "references",
        "manual": "manual",
        "counterparts": "counterparts",
    }

    @classmethod
    def from_dict(cls: Type[_CheckT], document: Mapping[str, Any]) -> _CheckT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            id=document["id"],
            title=document["title"],
            service=document["service"],
            level=document["level"],
            severity=document["severity"],
            reads=list(document["reads"]),
            rule=document["rule"],
            rationale=document["rationale"],
            remediation=Remediation.from_dict(document["remediation"]),
            cis=list(document["cis"]),
            references=list(document["references"]),
            manual=document["manual"],
            counterparts=None if document["counterparts"] is None else Counterparts.from_dict(document["counterparts"]),
        )


_WaiverT = TypeVar("_WaiverT", bound="Waiver")


@dataclass(frozen=True)
class Waiver(_Record):
    """A failure accepted for a time: it turns matching `fail` findings into `waived`."""

    check: str
    """Check id, or a glob over ids (`storage.*`)."""
    reason: str
    """Why the failure is accepted (shown in reports)."""
    resource: Optional[str] = None
    """Glob over resource ids (case-insensitive; `*` matches anything, `?` one character)."""
    expires: Optional[str] = None
    """Last day the waiver applies (`YYYY-MM-DD`, inclusive); none means no expiry."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "check": "check",
        "resource": "resource",
        "reason": "reason",
        "expires": "expires",
    }
    _OPTIONAL: ClassVar[FrozenSet[str]] = frozenset({"resource", "expires"})

    @classmethod
    def from_dict(cls: Type[_WaiverT], document: Mapping[str, Any]) -> _WaiverT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            check=document["check"],
            reason=document["reason"],
            resource=document.get("resource"),
            expires=document.get("expires"),
        )


CheckList = Union[str, List[str]]
"""Check ids or globs: one comma-separated string, or a list."""


_EndpointsT = TypeVar("_EndpointsT", bound="Endpoints")


@dataclass(frozen=True)
class Endpoints(_Record):
    """Endpoints of a cloud, to override a named cloud's or to define a custom one."""

    arm: Optional[str] = None
    """Azure Resource Manager, as `https://management.azure.com`."""
    graph: Optional[str] = None
    """Microsoft Graph host, as `https://graph.microsoft.com`."""
    authority: Optional[str] = None
    """Entra authority host, as `https://login.microsoftonline.com`."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "arm": "arm",
        "graph": "graph",
        "authority": "authority",
    }
    _OPTIONAL: ClassVar[FrozenSet[str]] = frozenset({"arm", "graph", "authority"})

    @classmethod
    def from_dict(cls: Type[_EndpointsT], document: Mapping[str, Any]) -> _EndpointsT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            arm=document.get("arm"),
            graph=document.get("graph"),
            authority=document.get("authority"),
        )


_CollectConfigT = TypeVar("_CollectConfigT", bound="CollectConfig")


@dataclass(frozen=True)
class CollectConfig(_Record):
    """The user-facing options of a live collection. Every field may be left out; JSON keys are
    camelCase and unknown keys are refused."""

    cloud: Optional[Literal["AzureCloud", "AzureUSGovernment", "AzureChinaCloud", "custom"]] = None
    """`AzureCloud` (default), `AzureUSGovernment`, `AzureChinaCloud` or `custom`
    (case-insensitive)."""
    endpoints: Optional[Endpoints] = None
    """Endpoint overrides (all three for `custom`)."""
    tenant_id: Optional[str] = None
    """The Entra tenant, when it cannot be taken from the subscriptions."""
    subscriptions: Optional[List[str]] = None
    """Subscription ids; every enabled one the credential sees when empty."""
    checks: Optional[CheckList] = None
    """Only what these checks read is collected: ids or globs, as a list or comma-separated
    (`"storage.*,sql.tde_enabled"`)."""
    concurrency: Optional[int] = None
    """Requests in flight at once (default 8)."""
    request_timeout: Optional[float] = None
    """Seconds one request may take, each attempt (default 30)."""
    fetch_timeout: Optional[float] = None
    """Seconds one (scope, type) may take, all its requests, retries and pages (default
    1800); past it, it is recorded as an error and the scan goes on."""
    max_retries: Optional[int] = None
    """Retries of a throttled or failed request after its first attempt (default 4)."""
    ca_cert: Optional[str] = None
    """A PEM file of extra trusted CA certificates (a TLS-inspecting proxy's)."""
    ca_cert_pem: Optional[str] = None
    """Extra trusted CA certificates as PEM text (instead of `caCert`)."""

    _KEYS: ClassVar[Dict[str, str]] = {
        "cloud": "cloud",
        "endpoints": "endpoints",
        "tenantId": "tenant_id",
        "subscriptions": "subscriptions",
        "checks": "checks",
        "concurrency": "concurrency",
        "requestTimeout": "request_timeout",
        "fetchTimeout": "fetch_timeout",
        "maxRetries": "max_retries",
        "caCert": "ca_cert",
        "caCertPem": "ca_cert_pem",
    }
    _OPTIONAL: ClassVar[FrozenSet[str]] = frozenset({"cloud", "endpoints", "tenantId", "subscriptions", "checks", "concurrency", "requestTimeout", "fetchTimeout", "maxRetries", "caCert", "caCertPem"})

    @classmethod
    def from_dict(cls: Type[_CollectConfigT], document: Mapping[str, Any]) -> _CollectConfigT:
        """Read the JSON document (camelCase keys)."""
        return cls(
            cloud=document.get("cloud"),
            endpoints=None if document.get("endpoints") is None else Endpoints.from_dict(document["endpoints"]),
            tenant_id=document.get("tenantId"),
            subscriptions=None if document.get("subscriptions") is None else list(document["subscriptions"]),
            checks=document.get("checks"),
            concurrency=document.get("concurrency"),
            request_timeout=document.get("requestTimeout"),
            fetch_timeout=document.get("fetchTimeout"),
            max_retries=document.get("maxRetries"),
            ca_cert=document.get("caCert"),
            ca_cert_pem=document.get("caCertPem"),
        )
