// The peer named in issue #2, cloud-copilot's iam-simulate, measured on the
// same requests in the same run. It is AGPL-licensed, so it is never a
// dependency of leash: install it anywhere outside the repository and point
// LEASH_BENCH_IAM_SIMULATE at that folder, e.g.
//   mkdir -p ../peers && (cd ../peers && npm init -y && npm i @cloud-copilot/iam-simulate)
//   LEASH_BENCH_IAM_SIMULATE=../peers npm run bench
import { join } from "node:path";
import { pathToFileURL } from "node:url";

export async function loadIamSimulate() {
  const dir = process.env.LEASH_BENCH_IAM_SIMULATE;
  if (!dir) return undefined;
  const entry = join(
    dir,
    "node_modules",
    "@cloud-copilot",
    "iam-simulate",
    "dist",
    "esm",
    "index.js",
  );
  // A folder without the package is reported, not a crash: the rest of the bench still runs.
  return import(pathToFileURL(entry).href).catch((e) => {
    console.log(`peer: cannot load iam-simulate from ${dir} (${e.code ?? e.message})`);
    return undefined;
  });
}

/**
 * The principal keys AWS puts in every signed request (IAM User Guide, global condition
 * keys: aws:PrincipalArn "is included in the request context for all signed requests",
 * the role's ARN for a role session). leash derives them from the principal; the peer
 * does not yet, so they are given to it: without them it judged every
 * `ArnLike aws:PrincipalArn` clause false, 276 of 20,000 batch cases.
 */
function principalKeys(principal) {
  const m = /^arn:(aws[\w-]*):(iam|sts)::(\d{12}):(.+)$/.exec(principal);
  if (!m) return {};
  const [, partition, service, account, rest] = m;
  const session = service === "sts" && /^assumed-role\/([^/]+)\//.exec(rest);
  const arn = session ? `arn:${partition}:iam::${account}:role/${session[1]}` : principal;
  return { "aws:PrincipalArn": arn, "aws:PrincipalAccount": account };
}

export function toPeerSimulation(policySet, r) {
  const contextVariables = principalKeys(r.principal);
  for (const [k, v] of Object.entries(r.context ?? {}))
    contextVariables[k] = Array.isArray(v) ? v : String(v);
  const arnAccount = r.resource.split(":")[4];
  // An S3 ARN names no account: the owner is the aws:ResourceAccount the case gives, as
  // leash reads it, else the principal's.
  const owner = contextVariables["aws:ResourceAccount"] ?? r.principal.split(":")[4];
  return {
    request: {
      principal: r.principal,
      action: r.action,
      resource: {
        resource: r.resource,
        accountId: /^\d{12}$/.test(arnAccount ?? "") ? arnAccount : owner,
      },
      contextVariables,
    },
    identityPolicies: policySet.identityPolicies.map((policy, i) => ({
      name: `identity-${i}`,
      policy,
    })),
    serviceControlPolicies: (policySet.scps ?? []).map((level, i) => ({
      orgIdentifier: `level-${i}`,
      policies: level.map((policy, j) => ({ name: `scp-${i}-${j}`, policy })),
    })),
    resourceControlPolicies: [],
    ...(policySet.permissionBoundary
      ? { permissionBoundaryPolicies: [{ name: "boundary", policy: policySet.permissionBoundary }] }
      : {}),
    ...(policySet.resourcePolicy ? { resourcePolicy: policySet.resourcePolicy } : {}),
  };
}

/** Times the peer on `requests` (sequentially, as its API is async) and compares decisions. */
export async function measurePeer(peer, policySet, requests, leashDecisions, budgetMs = 8000) {
  const t0 = performance.now();
  let n = 0;
  let agree = 0;
  let errors = 0;
  const disagreements = [];
  for (const r of requests) {
    const response = await peer.runSimulation(toPeerSimulation(policySet, r), {});
    if (response.resultType === "error") errors++;
    else if (response.overallResult === leashDecisions[n]) agree++;
    else if (disagreements.length < 5)
      disagreements.push({ request: r, leash: leashDecisions[n], peer: response.overallResult });
    n++;
    if (performance.now() - t0 > budgetMs) break;
  }
  const ms = performance.now() - t0;
  return { perSecond: Math.round((n / ms) * 1000), n, ms, agree, errors, disagreements };
}
