import { type IpRange, parseIpRange, rangeWithin } from "../../policy/ip-range.js";
import { remember } from "../memo.js";
import { type ConditionOperator, negate } from "./operator.js";

// IAM User Guide, "Condition operators": IP address condition operators.
// Policy values are IPv4 or IPv6 addresses or CIDR ranges (an address alone
// is a /32 or /128); the context value is one address (or a range, standing
// for all its addresses). Text that is neither, such as an IPv6 address with
// a zone id, never matches.

function inRange(contextValue: string, range: IpRange): boolean {
  // Requests repeat their addresses: each is parsed once (ranges are never changed).
  const address = remember(addresses, contextValue, () => parseIpRange(contextValue));
  return address !== undefined && rangeWithin(address, range);
}

const addresses = new Map<string, IpRange | undefined>();

export const IpAddress: ConditionOperator<IpRange> = {
  name: "IpAddress",
  negated: false,
  allowsVariables: false,
  prepare: parseIpRange,
  matches: inRange,
};
export const NotIpAddress = negate(IpAddress, "NotIpAddress");
