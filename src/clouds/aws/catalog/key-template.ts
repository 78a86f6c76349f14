/**
 * A condition key the Service Authorization Reference lists with a variable
 * part: `s3:ExistingObjectTag/<key>`, `aws:RequestTag/${TagKey}`,
 * `kms:EncryptionContext:${EncryptionContextKey}`. A key written in a policy
 * is that key when it has the text around the variable and something in its
 * place (which may itself hold `:` or `/`: `kms:EncryptionContext:aws:s3:arn`).
 * Condition keys are case-insensitive, so both sides are lower-cased.
 */
export interface KeyTemplate {
  /** Lower-cased text before the variable. */
  prefix: string;
  /** Lower-cased text after it (usually empty). */
  suffix: string;
}

/**
 * The variable part as the package writes it: `${Name}`, `<name>`, or plain
 * text for tag keys (`aws:RequestTag/tag-key`, and `secretsmanager:ResourceTag/`
 * with nothing after the slash). Other keys with a `/` are literal
 * (`apigateway:Request/ApiName`).
 */
const VARIABLE = /\$\{[^}]*\}|<[^>]*>|(?<=\/)tag-key$|(?<=\/)$/i;

/** The key's template, or undefined when it has no variable part. */
export function keyTemplate(key: string): KeyTemplate | undefined {
  const m = VARIABLE.exec(key);
  if (!m) return undefined;
  return {
    prefix: key.slice(0, m.index).toLowerCase(),
    suffix: key.slice(m.index + m[0].length).toLowerCase(),
  };
}

/** Whether a lower-cased key is an instance of the template. */
export function matchesTemplate(t: KeyTemplate, lowerKey: string): boolean {
  return (
    lowerKey.length > t.prefix.length + t.suffix.length &&
    lowerKey.startsWith(t.prefix) &&
    lowerKey.endsWith(t.suffix)
  );
}
