/**
 * Every GitHub Action that leash's workflows use, pinned to the full commit
 * SHA of a release tag. A tag can be moved to other code; a commit cannot
 * (GitHub Docs, "Security hardening for GitHub Actions": "Pin actions to a
 * full length commit SHA"). The workflows repeat the tag in a comment after
 * the SHA, where Dependabot and Renovate look for it when they update pins.
 *
 * Both stay on their v4 line, whose actions run on Node 20: the later majors
 * need a newer runner, which a self-hosted fleet may not have yet.
 *
 * Each SHA is what the tag resolves to (`git rev-parse <tag>^{commit}`) in a
 * copy of the action's repository, and was checked against workflows that
 * pin the same SHA with the same tag. To move a pin, change the SHA and the
 * tag together, from the same source.
 */

export interface PinnedAction {
  /** `owner/repo`, as written before the `@` in `uses:`. */
  repository: string;
  /** The release tag the SHA belongs to, written as a comment after it. */
  tag: string;
  /** The full 40-hex commit SHA. */
  sha: string;
}

export const PINNED_ACTIONS = {
  // v4.4.0 (2026-07-16): tag v4.4.0 of github.com/actions/checkout, which the moving tag v4 also names.
  checkout: {
    repository: "actions/checkout",
    tag: "v4.4.0",
    sha: "11d5960a326750d5838078e36cf38b85af677262",
  },
  // v4.3.1 (2025-08-04): tag v4.3.1 of github.com/aws-actions/configure-aws-credentials, the last v4 release.
  configureAwsCredentials: {
    repository: "aws-actions/configure-aws-credentials",
    tag: "v4.3.1",
    sha: "7474bc4690e29a8392af63c5b98e7449536d5c3a",
  },
} as const satisfies Record<string, PinnedAction>;

/** The `uses:` value of a pinned action: `owner/repo@sha`. */
export function usesOf(action: PinnedAction): string {
  return `${action.repository}@${action.sha}`;
}
