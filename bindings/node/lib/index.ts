/**
 * azaudit for Node.js: audit a snapshot of an Azure tenant's configuration.
 *
 * The engine is azaudit's Rust core (the native `binding`); this module converts its
 * reports, catalog and errors into JavaScript conventions: Promises, camelCase objects,
 * and `Error`s with a stable `code`.
 */

// eslint-disable-next-line @typescript-eslint/no-require-imports
const native = require("../binding.js") as typeof import("../binding");

import type {
  Check,
  CheckList,
  CollectConfig,
  Finding,
  Report as ReportDocument,
  Summary,
  CheckOutcome,
  WaiverUse,
  CoverageGap,
  Waiver,
} from "./types";

// The documents' types, generated from the Rust types (lib/types.ts).
export type {
  Check,
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
} from "./types";
export type { ReportDocument };

/** Options of `audit`. */
export interface AuditOptions {
  /** Check ids or globs (`"storage.*"`), as an array or comma-separated. */
  checks?: CheckList;
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

/** The result of an audit: the JSON report's document, over the engine's report. */
export class Report implements ReportDocument {
  readonly version: number;
  readonly summary: Summary;
  readonly findings: Finding[];
  readonly checks: CheckOutcome[];
  readonly waivers: WaiverUse[];
  /** What the checks needed and the snapshot did not hold whole (a partial collection). */
  readonly coverageGaps: CoverageGap[];
  readonly baseline?: unknown;
  readonly compliance?: unknown;
  /** @internal */
  readonly native: InstanceType<typeof native.Report>;

  /** @internal */
  constructor(inner: InstanceType<typeof native.Report>) {
    const document = JSON.parse(inner.toJsonText()) as ReportDocument;
    this.native = inner;
    this.version = document.version;
    this.summary = document.summary;
    this.findings = document.findings;
    this.checks = document.checks;
    this.waivers = document.waivers;
    this.coverageGaps = document.coverageGaps;
    if (document.baseline !== undefined) this.baseline = document.baseline;
    if (document.compliance !== undefined) this.compliance = document.compliance;
  }

  /** The failing findings. */
  failed(): Finding[] {
    return this.findings.filter((f) => f.status === "fail");
  }

  /** The report in another format (the command line's `--format`), off the main thread. */
  async render(format: Format): Promise<string> {
    return call(() => this.native.render(format));
  }

  /** The JSON report's document (what `JSON.stringify(report)` writes). */
  toJSON(): ReportDocument {
    return JSON.parse(this.native.toJsonText()) as ReportDocument;
  }
}

/** The check catalog. */
export function checks(): Check[] {
  return JSON.parse(native.catalogJson()) as Check[];
}

/** Run the checks over a snapshot, off the main thread. */
export async function audit(snapshot: Snapshot, options: AuditOptions = {}): Promise<Report> {
  const config: Record<string, unknown> = { ...(options.config ?? {}) };
  if (options.waivers !== undefined) {
    config.waivers = options.waivers;
  }
  const configJson = Object.keys(config).length > 0 ? JSON.stringify(config) : undefined;
  const inner = await call(() => native.audit(snapshot.native, options.checks, configJson));
  return new Report(inner);
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

/**
 * Options of `collect`: the collection options (`CollectConfig`, validated by the collector),
 * a credential and a progress callback.
 */
export interface CollectOptions extends CollectConfig {
  /** Any `@azure/identity` credential; azaudit's default chain when absent. */
  credential?: TokenCredential;
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
  const { credential, onProgress, ...config } = options;
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
  const inner = await call(() => native.collectNative(JSON.stringify(config), getToken, progress));
  return Snapshot.wrap(inner);
}
