// Generated from the Rust types' JSON Schemas by bindings/typegen (AZAUDIT_BLESS=1 cargo test -p azaudit-typegen); do not edit.
// The JSON report's and the catalog's documents, and the options of a live collection.

/**
 * The outcome of a check for one resource.
 * - `fail`: The resource fails the rule.
 * - `unknown`: The data needed was missing, forbidden, not collected, or lacked the property.
 * - `manual`: Azure exposes no API for it: a person must look; the message says where.
 * - `waived`: A failure a waiver accepts for now.
 * - `pass`: The resource meets the rule.
 */
export type Status = "fail" | "unknown" | "manual" | "waived" | "pass";

/**
 * How bad a failure is.
 * - `info`: Informational.
 * - `low`: Low.
 * - `medium`: Medium.
 * - `high`: High.
 * - `critical`: Critical.
 */
export type Severity = "info" | "low" | "medium" | "high" | "critical";

/** What one check says about one resource. */
export interface Finding {
  /** The check's stable id, e.g. `storage.secure_transfer_required`. */
  checkId: string;
  /** The outcome. */
  status: Status;
  /** The severity of the check (or of this particular failure). */
  severity: Severity;
  /** The ARM id (or `/tenants/<id>/...` id) the finding is about, exactly as Azure wrote it. */
  resourceId: string;
  /** The resource's type. */
  resourceType: string;
  /** The subscription, when the resource is in one. */
  subscriptionId: string | null;
  /** The resource's region, when it has one. */
  location: string | null;
  /** One sentence a person can act on. */
  message: string;
  /** The property values the rule read. */
  evidence: unknown;
  /** For a failure, whether it is new against the baseline (when compared with one). */
  change?: "new" | "unchanged";
}

/** Counts by status, severity and service. */
export interface Summary {
  /** The tenant audited, when known. */
  tenantId: string | null;
  /** Subscriptions in the snapshot. */
  subscriptions: number;
  /** Display names of the subscriptions that have one, by subscription id. */
  subscriptionNames: Record<string, string>;
  /**
   * The names people know for the resources the findings are about whose id ends in an
   * opaque id (a user's UPN, a custom role's name), by resource id.
   */
  resourceNames?: Record<string, string>;
  /** Records in the snapshot. */
  records: number;
  /** When the snapshot was collected. */
  collectedAt: string | null;
  /** The time ages were judged against. */
  evaluatedAt: string;
  /** Checks run. */
  checks: number;
  /** Findings in all. */
  findings: number;
  /** Findings per status. */
  byStatus: Record<string, number>;
  /** Findings per severity, then status. */
  bySeverity: Record<string, Record<string, number>>;
  /** Findings per service, then status. */
  byService: Record<string, Record<string, number>>;
  /** (scope, type)s the checks needed that were not collected whole. */
  coverageGaps: number;
}

/** What one check did in a run. */
export interface CheckOutcome {
  /** Check id. */
  id: string;
  /** Title. */
  title: string;
  /** Service. */
  service: string;
  /** Benchmark level. */
  level: number;
  /** Severity. */
  severity: Severity;
  /** Findings per status. */
  counts: Record<string, number>;
  /** How to fix a failure (portal). */
  remediation: string;
  /** How to fix a failure (CLI). */
  remediationCli: string;
  /** Why it matters. */
  rationale: string;
  /** CIS Azure Foundations 3.0.0 recommendations. */
  cis: string[];
  /** Set when the check failed to run; its findings are then `unknown`. */
  error?: string | null;
}

/**
 * What happened when one (scope, type) was collected.
 * - `ok`: Collected completely.
 * - `forbidden`: The caller lacks permission (HTTP 403).
 * - `error`: Collection failed (error body, malformed response, retries exhausted).
 * - `notCollected`: Not requested (no selected check reads it, or the collector does not support it).
 * - `throttled`: Azure throttled the requests and asked for a longer wait than the collector allows.
 */
export type CoverageStatus = "ok" | "forbidden" | "error" | "notCollected" | "throttled";

/** One (scope, type) a check needed that was not collected whole. */
export interface CoverageGap {
  /** `/subscriptions/<id>` or `/tenants/<id>`. */
  scope: string;
  /** The type (as the checks read it). */
  type: string;
  /** How it failed. */
  status: CoverageStatus;
  /** Why, as the coverage record says. */
  reason: string;
}

/** How a waiver was used in a run. */
export interface WaiverUse {
  /** Check id, or a glob over ids (`storage.*`). */
  check: string;
  /** Glob over resource ids (case-insensitive; `*` matches anything, `?` one character). */
  resource: string;
  /** Why the failure is accepted (shown in reports). */
  reason: string;
  /** Last day the waiver applies (`YYYY-MM-DD`, inclusive); none means no expiry. */
  expires?: string | null;
  /** It is past its expiry date and was not applied. */
  expired: boolean;
  /** Failing findings it matched. */
  matched: number;
}

/** The result of a run. */
export interface Report {
  /** Report format version (1). */
  version: number;
  /** Counts. */
  summary: Summary;
  /** Every finding, in catalog order. */
  findings: Finding[];
  /** Every check run. */
  checks: CheckOutcome[];
  /** The waivers configured and how they applied. */
  waivers: WaiverUse[];
  /** The comparison with a baseline report, when one was given. */
  baseline?: unknown;
  /** The report through a compliance framework, when one was asked for. */
  compliance?: unknown;
  /**
   * What the checks run needed and the snapshot does not hold whole (a partial
   * collection): their findings there are `unknown`.
   */
  coverageGaps: CoverageGap[];
}

/** How to fix a failing resource. */
export interface Remediation {
  /** Steps in the Azure portal (or Entra admin center). */
  portal: string;
  /** An `az` CLI command (or Graph call) that fixes it; empty when there is none. */
  cli: string;
}

/** An Azure Policy built-in definition. */
export interface PolicyDefinition {
  /** The definition's name (a GUID, as Azure spells it). */
  id: string;
  /** Its display name. */
  name: string;
}

/** How one check lines up with its counterparts. */
export interface Counterparts {
  /** Azure Policy built-in definitions for the same recommendation. */
  azurePolicy: PolicyDefinition[];
  /** What they decide. */
  azurePolicyDecides: string;
  /** Prowler's Azure check ids. */
  prowler: string[];
  /** What they decide. */
  prowlerDecides: string;
  /** Where azaudit's rule differs, property by property, and which way each was decided. */
  differences: string;
  /** What this release changed, kept by design, or leaves open. */
  decision: string;
}

/** A check of the catalog: its metadata and its counterparts elsewhere. */
export interface Check {
  /** Stable id, `<service>.<name>` (listed in `docs/checks.md`); never renamed. */
  id: string;
  /** One line saying what a passing resource looks like. */
  title: string;
  /**
   * The service, the first part of the id (`iam`, `storage`, ...): the `checks/<service>`
   * module the check lives in.
   */
  service: string;
  /** The benchmark level: 1 (prudent, no extra technology) or 2 (defence in depth). */
  level: number;
  /** Severity of a failing finding. */
  severity: Severity;
  /**
   * The resource types it reads, by name (ARM, `Microsoft.Graph/...`, or `Azaudit/...`):
   * what the collector fetches for it, and where coverage gaps are looked for. In Rust,
   * entries of the registry ([`crate::resource_types`]).
   */
  reads: string[];
  /** The rule, precisely: when it passes, fails, and is unknown. */
  rule: string;
  /** Why it matters. */
  rationale: string;
  /** How to fix it. */
  remediation: Remediation;
  /** CIS Microsoft Azure Foundations Benchmark 3.0.0 recommendations it implements. */
  cis: string[];
  /** Further reading (Microsoft Learn pages). */
  references: string[];
  /** True when Azure exposes no API for it, so findings may be `manual`. */
  manual: boolean;
  /** The same recommendation elsewhere: Azure Policy built-in definitions and Prowler checks. */
  counterparts: Counterparts | null;
}

/** A failure accepted for a time: it turns matching `fail` findings into `waived`. */
export interface Waiver {
  /** Check id, or a glob over ids (`storage.*`). */
  check: string;
  /** Glob over resource ids (case-insensitive; `*` matches anything, `?` one character). */
  resource?: string;
  /** Why the failure is accepted (shown in reports). */
  reason: string;
  /** Last day the waiver applies (`YYYY-MM-DD`, inclusive); none means no expiry. */
  expires?: string | null;
}

/** Check ids or globs: one comma-separated string, or a list. */
export type CheckList = string | string[];

/** Endpoints of a cloud, to override a named cloud's or to define a custom one. */
export interface Endpoints {
  /** Azure Resource Manager, as `https://management.azure.com`. */
  arm?: string | null;
  /** Microsoft Graph host, as `https://graph.microsoft.com`. */
  graph?: string | null;
  /** Entra authority host, as `https://login.microsoftonline.com`. */
  authority?: string | null;
}

/**
 * The user-facing options of a live collection. Every field may be left out; JSON keys are
 * camelCase and unknown keys are refused.
 */
export interface CollectConfig {
  /**
   * `AzureCloud` (default), `AzureUSGovernment`, `AzureChinaCloud` or `custom`
   * (case-insensitive).
   */
  cloud?: "AzureCloud" | "AzureUSGovernment" | "AzureChinaCloud" | "custom" | null;
  /** Endpoint overrides (all three for `custom`). */
  endpoints?: Endpoints;
  /** The Entra tenant, when it cannot be taken from the subscriptions. */
  tenantId?: string | null;
  /** Subscription ids; every enabled one the credential sees when empty. */
  subscriptions?: string[];
  /**
   * Only what these checks read is collected: ids or globs, as a list or comma-separated
   * (`"storage.*,sql.tde_enabled"`).
   */
  checks?: CheckList | null;
  /** Requests in flight at once (default 8). */
  concurrency?: number | null;
  /** Seconds one request may take, each attempt (default 30). */
  requestTimeout?: number | null;
  /**
   * Seconds one (scope, type) may take, all its requests, retries and pages (default
   * 1800); past it, it is recorded as an error and the scan goes on.
   */
  fetchTimeout?: number | null;
  /** Retries of a throttled or failed request after its first attempt (default 4). */
  maxRetries?: number | null;
  /** A PEM file of extra trusted CA certificates (a TLS-inspecting proxy's). */
  caCert?: string | null;
  /** Extra trusted CA certificates as PEM text (instead of `caCert`). */
  caCertPem?: string | null;
}
