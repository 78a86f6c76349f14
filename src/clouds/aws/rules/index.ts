import {
  presignedNotebookUrl,
  sagemakerAdmin,
  unconstrainedJobs,
  unrestrictedInference,
} from "./ai-workload.js";
import { allowWithNot } from "./allow-with-not.js";
import { conditionCouldNarrow } from "./condition-could-narrow.js";
import { conditionKeyNotForAction } from "./condition-key-not-for-action.js";
import { crossAccountPrincipal } from "./cross-account-principal.js";
import { emptyCondition } from "./empty-condition.js";
import { fullAdmin } from "./full-admin.js";
import { inferenceWritesModels } from "./inference-writes-models.js";
import { oldVersion } from "./old-version.js";
import { operatorTypeMismatch } from "./operator-type-mismatch.js";
import { passRoleWithoutService } from "./passrole-without-service.js";
import { policySizeRule } from "./policy-size.js";
import { privilegeEscalation } from "./privilege-escalation.js";
import { publicPrincipal } from "./public-principal.js";
import { redundantAction } from "./redundant-action.js";
import { redundantResource } from "./redundant-resource.js";
import { redundantStatement } from "./redundant-statement.js";
import { resourceTypeMismatch } from "./resource-type-mismatch.js";
import type { AwsRule } from "./rule.js";
import {
  credentialsExposure,
  dataExfiltration,
  permissionsManagement,
  resourceExposure,
} from "./sensitive-actions.js";
import { serviceTrustWithoutSource } from "./service-trust-without-source.js";
import { starAction } from "./star-action.js";
import { starOnlyAction } from "./star-only-action.js";
import { starResource } from "./star-resource.js";
import { unknownAction } from "./unknown-action.js";
import { unknownConditionKey } from "./unknown-condition-key.js";
import { weakOidcTrust } from "./weak-oidc-trust.js";
import { wildcardMatchesNothing } from "./wildcard-matches-nothing.js";

/** Every AWS lint rule, by id: an explicit, typed registry (not a directory scan). */
export const AWS_RULES: Readonly<Record<string, AwsRule>> = Object.fromEntries(
  [
    unknownAction,
    wildcardMatchesNothing,
    unknownConditionKey,
    resourceTypeMismatch,
    starOnlyAction,
    conditionKeyNotForAction,
    operatorTypeMismatch,
    policySizeRule,
    fullAdmin,
    privilegeEscalation,
    dataExfiltration,
    credentialsExposure,
    permissionsManagement,
    resourceExposure,
    publicPrincipal,
    crossAccountPrincipal,
    weakOidcTrust,
    serviceTrustWithoutSource,
    starAction,
    starResource,
    allowWithNot,
    passRoleWithoutService,
    unrestrictedInference,
    presignedNotebookUrl,
    unconstrainedJobs,
    sagemakerAdmin,
    inferenceWritesModels,
    oldVersion,
    redundantAction,
    redundantResource,
    redundantStatement,
    emptyCondition,
    conditionCouldNarrow,
  ].map((r) => [r.id, r]),
);

export type { AwsRule, LintedPolicy, PolicyRuleContext, PrincipalRuleContext } from "./rule.js";
export { StatementView } from "./rule.js";
