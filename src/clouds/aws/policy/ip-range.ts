import { isIPv4, isIPv6 } from "node:net";

/**
 * IP addresses and ranges as IAM's IP address condition operators read them
 * (IAM User Guide, "Condition operators", IP address condition operators):
 * "the standard CIDR format (for example, 203.0.113.0/24 or
 * 2001:DB8:1234:5678::/64)", and an address without a prefix is a /32 (/128
 * for IPv6). The policy parser, the request checks and the engine read them
 * with this one function, so that what one accepts the others can evaluate.
 *
 * An IPv6 zone id (`fe80::1%eth0`) names a link on one host, not an address
 * AWS sees, and is not CIDR format: such text is no address here (Node's
 * `isIPv6` accepts it, and the digits after `%` once reached `BigInt` as NaN).
 */
export interface IpRange {
  v6: boolean;
  /** The address as a number, 32 or 128 bits. */
  bits: bigint;
  /** The routing prefix length; the full width for a single address. */
  prefix: number;
}

function ipv4Bits(address: string): bigint {
  return address.split(".").reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Bits(address: string): bigint | undefined {
  let text = address;
  // An embedded IPv4 tail (`::ffff:1.2.3.4`) becomes two hexadecimal groups.
  const v4tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4tail?.[1]) {
    const tail = ipv4Bits(v4tail[1]);
    text = `${text.slice(0, -v4tail[1].length)}${(tail >> 16n).toString(16)}:${(tail & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill("0"), ...t];
  let bits = 0n;
  for (const g of groups) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    bits = (bits << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return groups.length === 8 ? bits : undefined;
}

/** Reads an address or CIDR range; undefined for anything else (zone ids included). */
export function parseIpRange(value: string): IpRange | undefined {
  const [address, prefixText, extra] = value.trim().split("/");
  if (address === undefined || extra !== undefined || address.includes("%")) return undefined;
  let v6: boolean;
  let bits: bigint | undefined;
  if (isIPv4(address)) {
    v6 = false;
    bits = ipv4Bits(address);
  } else if (isIPv6(address)) {
    v6 = true;
    bits = ipv6Bits(address);
  } else return undefined;
  if (bits === undefined) return undefined;
  const max = v6 ? 128 : 32;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (prefix > max) return undefined;
  return { v6, bits, prefix };
}

/**
 * Whether every address of `inner` lies in `outer`. A single address is the
 * common case (`aws:SourceIp` is one address); a range given as a request
 * value stands for all its addresses.
 */
export function rangeWithin(inner: IpRange, outer: IpRange): boolean {
  if (inner.v6 !== outer.v6 || inner.prefix < outer.prefix) return false;
  const shift = BigInt((outer.v6 ? 128 : 32) - outer.prefix);
  return inner.bits >> shift === outer.bits >> shift;
}
