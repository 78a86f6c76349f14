/**
 * Where the management account's files attach the SCPs: OUs or the root,
 * given when they are applied (`var.scp_target_ids`, the `ScpTargetIds`
 * parameter), never the spec's account.
 */

/**
 * An OU id or a root id (AWS Organizations API Reference, AttachPolicy,
 * `TargetId`). Account ids are refused: attaching to the one account the
 * spec names would leave out the accounts created later in its OU, and the
 * management account is never bound by an SCP.
 */
export const SCP_TARGET_PATTERN = "^(ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}|r-[0-9a-z]{4,32})$";

/** What the Terraform variable and the CloudFormation parameter say they hold. */
export function scpTargetsDescription(account: string): string {
  return `The OUs (ou-...) or the root (r-...) the SCPs are attached to: those that hold account ${account}. SCPs never bind the management account.`;
}
