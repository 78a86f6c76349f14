import type { NameRule } from "./aws-names.js";

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Cloud Storage bucket names (cloud.google.com/storage/docs/buckets#naming). */
export const GCS_BUCKET: NameRule = {
  what: "a Cloud Storage bucket name",
  rule: "3 to 63 lower-case letters, digits, `-`, `_` and `.` (up to 222 with dots, each part at most 63), beginning and ending with a letter or digit, not an IP address, not starting with `goog` or containing `google`",
  source: "https://cloud.google.com/storage/docs/buckets#naming",
  problem(value) {
    if (!/^[a-z0-9._-]+$/.test(value))
      return "it holds characters other than a-z, 0-9, `-`, `_` and `.`";
    if (!/^[a-z0-9].*[a-z0-9]$/.test(value))
      return "it does not begin and end with a letter or digit";
    const parts = value.split(".");
    if (value.length < 3) return "it is shorter than 3 characters";
    if (parts.length === 1 && value.length > 63) return "it is longer than 63 characters";
    if (value.length > 222) return "it is longer than 222 characters";
    if (parts.some((p) => p.length > 63))
      return "a dot-separated part is longer than 63 characters";
    if (IPV4.test(value)) return "it is formatted as an IP address";
    if (value.startsWith("goog")) return "it starts with `goog`";
    if (/g[o0]{2}gle/.test(value)) return "it contains `google` or a close misspelling";
    return undefined;
  },
};
