/**
 * azaudit for Node.js: audit a snapshot of an Azure tenant's configuration.
 *
 * The engine is azaudit's Rust core (the native `binding`); this module converts its
 * reports, catalog and errors into JavaScript conventions: Promises, camelCase objects,
 * and `Error`s with a stable `code`.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const native = require("../binding.js") as typeof import("../binding");

/** Statuses of a finding. */
export type Status = "pass" | "fail" | "unknown" | "manual" | "waived";
/** Severities of a check or finding. */
export type Severity = "critical" | "high" | "medium" | "low" | "info";

/** What one check says about one resource (the JSON report's keys). */
export interface Finding {
  checkId: string;
  status: Status;
  severity: Severity;
  resourceId: string;
  resourceType: string;
  subscriptionId: string | null;
  location: string | null;
  message: string;
  evidence: unknown;
}

/** A check of the catalog. */
export interface Check {
  id: string;
  title: string;
  service: string;
  level: number;
  severity: Severity;
  reads: string[];
  rule: string;
  rationale: string;
  remediation: { portal: string; cli: string };
  cis: string[];
  references: string[];
  manual: boolean;
  /** The same recommendation elsewhere: Azure Policy built-in definitions and Prowler checks. */
  counterparts: Counterparts | null;
}

/** How a check lines up with Azure Policy and Prowler (see docs/rule-sources.md). */
export interface Counterparts {
  /** Azure Policy built-in definitions: `id` is the definition's GUID. */
  azurePolicy: { id: string; name: string }[];
  azurePolicyDecides: string;
  /** Prowler's Azure check ids. */
  prowler: string[];
  prowlerDecides: string;
  /** Where the rule differs from them, property by property. */
  differences: string;
  /** What was changed, kept by design, or left open. */
  decision: string;
}

/** A waiver: a failure accepted, for a reason, until a date. */
export interface Waiver {
  check: string;
  resource?: string;
  reason: string;
  expires?: string;
}

/** Options of `audit`. */
export interface AuditOptions {
  /** Check ids or globs (`"storage.*"`), as an array or comma-separated. */
  checks?: string | string[];
  /** Thresholds of the catalog (`{ key_rotation_days: 30 }`). */
  config?: Record<string, unknown>;
  /** Accepted failures. */
  waivers?: Waiver[];
}

/** Error codes azaudit's errors carry in `error.code`. */
export type ErrorCode = "AZAUDIT_SNAPSHOT" | "AZAUDIT_CONFIG" | "AZAUDIT_REPORT" | "AZAUDIT_COLLECT";

/** Formats a report renders in. */
export type Format = "text" | "json" | "sarif" | "csv" | "junit" | "markdown" | "ocsf" | "html";

/** An error from azaudit, with a stable `code`. */
export class AzauditError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = "AzauditError";
    this.code = code;
  }
}

function converted(e: unknown): unknown {
  const message = e instanceof Error ? e.message : String(e);
  const m = /^(AZAUDIT_[A-Z]+): ([\s\S]*)$/.exec(message);
  return m ? new AzauditError(m[1] as ErrorCode, m[2]) : e;
}

async function call<T>(f: () => Promise<T> | T): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw converted(e);
  }
}

/** A loaded, indexed snapshot. */
export class Snapshot {
  /** @internal */
  readonly native: InstanceType<typeof native.Snapshot>;

  private constructor(inner: InstanceType<typeof native.Snapshot>) {
    this.native = inner;
  }

  /** @internal */
  static wrap(inner: InstanceType<typeof native.Snapshot>): Snapshot {
    return new Snapshot(inner);
  }

  /** Load a snapshot file. */
  static async load(path: string): Promise<Snapshot> {
    return new Snapshot(await call(() => native.loadSnapshot(path)));
  }

  /** Read a snapshot from its JSON text. */
  static async fromJson(text: string | Buffer): Promise<Snapshot> {
    const s = typeof text === "string" ? text : text.toString("utf8");
    return new Snapshot(await call(() => native.snapshotFromJson(s)));
  }

  /** Save the snapshot to a file. */
  async save(path: string): Promise<void> {
    await call(() => this.native.save(path));
  }

  /** Number of records. */
  get length(): number {
    return this.native.length;
  }

  /** The tenant id, when known. */
  get tenantId(): string | null {
    return this.native.tenantId ?? null;
  }

  /** The subscription ids in scope. */
  get subscriptionIds(): string[] {
    return this.native.subscriptionIds;
  }

  /** The snapshot document (version 1). */
  toJSON(): unknown {
    return JSON.parse(this.native.toJsonText());
  }
}

/** One (scope, type) a check needed that was not collected whole. */
export interface CoverageGap {
  /** `/subscriptions/<id>` or `/tenants/<id>`. */
  scope: string;
  /** The type, as the checks read it. */
  type: string;
  /** `forbidden`, `error`, `notCollected` or `throttled`. */
  status: string;
  /** Why, as the coverage record says. */
  reason: string;
}

/** The result of an audit. */
export class Report {
  readonly version: number;
  readonly findings: Finding[];
  readonly summary: Record<string, unknown>;
  readonly checks: Record<string, unknown>[];
  readonly waivers: Record<string, unknown>[];
  /** What the checks needed and the snapshot did not hold whole (a partial collection). */
  readonly coverageGaps: CoverageGap[];

  constructor(document: {
    version: number;
    findings: Finding[];
    summary: Record<string, unknown>;
    checks: Record<string, unknown>[];
    waivers?: Record<string, unknown>[];
    coverageGaps?: CoverageGap[];
  }) {
    this.version = document.version;
    this.findings = document.findings;
    this.summary = document.summary;
    this.checks = document.checks;
    this.waivers = document.waivers ?? [];
    this.coverageGaps = document.coverageGaps ?? [];
  }

  /** The failing findings. */
  failed(): Finding[] {
    return this.findings.filter((f) => f.status === "fail");
  }

  /** The report in another format (the command line's `--format`), off the main thread. */
  async render(format: Format): Promise<string> {
    return call(() => native.renderReport(JSON.stringify(this), format));
  }

  /** The JSON report's document (what `JSON.stringify(report)` writes). */
  toJSON(): object {
    return {
      version: this.version,
      summary: this.summary,
      findings: this.findings,
      checks: this.checks,
      waivers: this.waivers,
      coverageGaps: this.coverageGaps,
    };
  }
}

/** The check catalog. */
export function checks(): Check[] {
  return JSON.parse(native.catalogJson()) as Check[];
}

/** Run the checks over a snapshot, off the main thread. */
export async function audit(snapshot: Snapshot, options: AuditOptions = {}): Promise<Report> {
  const selected =
    typeof options.checks === "string"
      ? options.checks.split(",").map((c) => c.trim()).filter((c) => c.length > 0)
      : options.checks;
  const config: Record<string, unknown> = { ...(options.config ?? {}) };
  if (options.waivers !== undefined) {
    config.waivers = options.waivers;
  }
  const configJson = Object.keys(config).length > 0 ? JSON.stringify(config) : undefined;
  const text = await call(() => native.auditJson(snapshot.native, selected, configJson));
  return new Report(JSON.parse(text));
}

/** A token as `@azure/identity`'s `getToken` resolves it. */
export interface AccessToken {
  token: string;
  /** Expiry, milliseconds since the epoch. */
  expiresOnTimestamp: number;
}

/** `@azure/identity`'s credential shape (`DefaultAzureCredential` satisfies it). */
export interface TokenCredential {
  getToken(scopes: string | string[], options?: unknown): Promise<AccessToken | null>;
}

/** Endpoints of a cloud, to override a named cloud's or to define a custom one. */
export interface Endpoints {
  /** Azure Resource Manager, as `https://management.azure.com`. */
  arm?: string;
  /** Microsoft Graph host, as `https://graph.microsoft.com`. */
  graph?: string;
  /** Entra authority host, as `https://login.microsoftonline.com`. */
  authority?: string;
}

/** Options of `collect`. */
export interface CollectOptions {
  /** Any `@azure/identity` credential; azaudit's default chain when absent. */
  credential?: TokenCredential;
  /** Subscription ids; every enabled one the credential sees when absent. */
  subscriptions?: string[];
  /** `AzureCloud` (default), `AzureUSGovernment`, `AzureChinaCloud` or `custom`. */
  cloud?: "AzureCloud" | "AzureUSGovernment" | "AzureChinaCloud" | "custom";
  /** Endpoint overrides (all three for `custom`). */
  endpoints?: Endpoints;
  /** A PEM file of extra trusted CA certificates (a TLS-inspecting proxy's). */
  caCert?: string;
  /** Only what these checks read is collected (ids or globs). */
  checks?: string | string[];
  /** The tenant, when it cannot be taken from the subscriptions. */
  tenantId?: string;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Seconds one request may take, each attempt (default 30). */
  requestTimeout?: number;
  /** Seconds one (scope, type) may take, all its requests, retries and pages (default 1800); past it, it is recorded as an error and the scan goes on. */
  fetchTimeout?: number;
  /** Called as requests finish. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Collect a tenant's configuration from Azure Resource Manager and Microsoft Graph, off the
 * main thread. A request that fails (403, retries exhausted) does not reject: it is recorded
 * in the snapshot's coverage, and the checks report unknown for it. Rejects with
 * `AZAUDIT_CONFIG` for bad options and `AZAUDIT_COLLECT` when nothing can be collected.
 */
export async function collect(options: CollectOptions = {}): Promise<Snapshot> {
  const { credential, onProgress } = options;
  const known = new Set(["arm", "graph", "authority"]);
  const unknown = Object.keys(options.endpoints ?? {}).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    throw new AzauditError("AZAUDIT_CONFIG", `unknown endpoint keys ${unknown.join(", ")}: expected arm, graph, authority`);
  }
  const getToken =
    credential === undefined
      ? undefined
      : async (scope: string): Promise<AccessToken> => {
          const t = await credential.getToken(scope);
          if (t === null || t === undefined) {
            throw new Error(`getToken(${scope}) returned no token`);
          }
          return { token: t.token, expiresOnTimestamp: t.expiresOnTimestamp };
        };
  const progress =
    onProgress === undefined
      ? undefined
      : (p: { done: number; total: number }): void => {
          try {
            onProgress(p.done, p.total);
          } catch {
            // A failing progress callback must not end the collection.
          }
        };
  const checks =
    typeof options.checks === "string"
      ? options.checks.split(",").map((c) => c.trim()).filter((c) => c.length > 0)
      : options.checks;
  const inner = await call(() =>
    native.collectNative(
      {
        subscriptions: options.subscriptions,
        cloud: options.cloud,
        armEndpoint: options.endpoints?.arm,
        graphEndpoint: options.endpoints?.graph,
        authority: options.endpoints?.authority,
        caCert: options.caCert,
        checks,
        tenantId: options.tenantId,
        concurrency: options.concurrency,
        requestTimeout: options.requestTimeout,
        fetchTimeout: options.fetchTimeout,
      },
      getToken,
      progress,
    ),
  );
  return Snapshot.wrap(inner);
}
