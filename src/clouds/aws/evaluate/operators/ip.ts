import { isIPv4, isIPv6 } from "node:net";
import { type ConditionOperator, negate } from "./operator.js";

// IAM User Guide, "Condition operators": IP address condition operators.
// Policy values are IPv4 or IPv6 addresses or CIDR ranges (an address alone
// is a /32 or /128); the context value is one address.

interface Cidr {
  v6: boolean;
  bits: bigint;
  prefix: number;
}

function addressBits(address: string): { v6: boolean; bits: bigint } | undefined {
  if (isIPv4(address)) {
    const n = address.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
    return { v6: false, bits: n };
  }
  if (!isIPv6(address)) return undefined;
  let text = address;
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) becomes two hexadecimal groups.
  const v4tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4tail?.[1]) {
    const b = v4tail[1].split(".").map(Number);
    text = `${text.slice(0, -v4tail[1].length)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  let bits = 0n;
  for (const g of groups) bits = (bits << 16n) | BigInt(Number.parseInt(g, 16));
  return { v6: true, bits };
}

export function parseCidr(value: string): Cidr | undefined {
  const [address, prefixText, extra] = value.trim().split("/");
  if (address === undefined || extra !== undefined) return undefined;
  const parsed = addressBits(address);
  if (!parsed) return undefined;
  const max = parsed.v6 ? 128 : 32;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { v6: parsed.v6, bits: parsed.bits, prefix };
}

function inRange(address: string, range: Cidr): boolean {
  const a = addressBits(address.trim());
  if (!a || a.v6 !== range.v6) return false;
  const shift = BigInt((range.v6 ? 128 : 32) - range.prefix);
  return a.bits >> shift === range.bits >> shift;
}

export const IpAddress: ConditionOperator<Cidr> = {
  name: "IpAddress",
  negated: false,
  allowsVariables: false,
  prepare: parseCidr,
  matches: inRange,
};
export const NotIpAddress = negate(IpAddress, "NotIpAddress");
