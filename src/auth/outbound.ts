import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { BlockList, isIP } from 'node:net';

type Network = readonly [address: string, prefix: number];

// From the IANA IPv4 and IPv6 special-purpose address registries (RFC 6890).
/** Never reached, whatever the configuration: link-local neighbours, cloud metadata, "this host", non-unicast. */
const NEVER: readonly Network[] = [
  ['169.254.0.0', 16], // link-local: the metadata endpoint of AWS, GCP, Azure and Oracle is 169.254.169.254
  ['100.100.100.200', 32], // Alibaba Cloud metadata
  ['0.0.0.0', 8], // "this host": connects to the gateway itself
  ['192.0.2.0', 24], ['198.51.100.0', 24], ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], ['240.0.0.0', 4], // multicast, reserved and broadcast
  ['fe80::', 10], // link-local
  ['fd00:ec2::254', 128], // AWS metadata over IPv6
  ['::', 128], ['100::', 64], ['2001::', 32], ['2001:db8::', 32], ['ff00::', 8], // unspecified, discard, Teredo, documentation, multicast
];
/** Reached only when an operator allows them (SWITCHBOARD_OUTBOUND_ALLOW). */
const LOOPBACK: readonly Network[] = [['127.0.0.0', 8], ['::1', 128]];
/** `private` opens these, not loopback: an intranet's addresses are not the gateway's own ports. */
const PRIVATE: readonly Network[] = [
  ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], // RFC 1918
  ['100.64.0.0', 10], ['198.18.0.0', 15], ['192.0.0.0', 24], // shared (CGNAT), benchmarking, IETF protocol assignments
  ['fc00::', 7], ['fec0::', 10], ['64:ff9b:1::', 48], // unique local, deprecated site-local, local-use NAT64
];

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

function blockListOf(networks: readonly Network[]): BlockList {
  const list = new BlockList();
  for (const [address, prefix] of networks) list.addSubnet(address, prefix, family(address));
  return list;
}

const never = blockListOf(NEVER);
const privateRanges = blockListOf([...LOOPBACK, ...PRIVATE]);

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted quad folded in). */
export function ipv6Groups(address: string): number[] {
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  const text = quad ? `${address.slice(0, quad.index)}${((+quad[1]! << 8) | +quad[2]!).toString(16)}:${((+quad[3]! << 8) | +quad[4]!).toString(16)}` : address;
  const [left = '', right] = text.split('::');
  const head = left ? left.split(':') : [];
  const tail = right ? right.split(':') : [];
  const groups = right === undefined ? head : [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail];
  return groups.map((group) => parseInt(group, 16));
}

/** The IPv4 address an IPv6 one carries (IPv4-mapped, -compatible and -translated, NAT64, 6to4): it is checked too. */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && (g[5] === 0xffff || (g[5] === 0 && (g[6] !== 0 || g[7]! > 1)))) return v4(g[6]!, g[7]!);
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return v4(g[6]!, g[7]!); // SIIT's IPv4-translated
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return v4(g[6]!, g[7]!); // NAT64
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!);
  return null;
}

export class OutboundRefusedError extends Error {
  override readonly name = 'OutboundRefusedError';
}

/**
 * Where the gateway may connect to reach an upstream: never to link-local, metadata or reserved
 * addresses; to loopback and private ones only when the operator allowed them. Checked on the address
 * actually dialled (after DNS resolution, for every connection, so also after a redirect), never on
 * the name alone.
 */
export class OutboundPolicy {
  readonly #allowed = new BlockList();

  /** `allowed`: CIDRs or addresses, or `loopback` / `private` for those ranges. */
  constructor(allowed: readonly string[]) {
    for (const entry of allowed) {
      const networks = entry === 'loopback' ? LOOPBACK : entry === 'private' ? PRIVATE : [parseNetwork(entry)];
      for (const [address, prefix] of networks) this.#allowed.addSubnet(address, prefix, family(address));
    }
  }

  /** Why connecting to this IP address is refused, or null when it may be dialled. */
  refusal(ip: string): string | null {
    const address = ip.split('%')[0]!.replace(/^\[|\]$/g, '');
    const kind = isIP(address);
    if (!kind) return 'not an IP address';
    const candidates = [address, ...(kind === 6 ? [embeddedIpv4(address)].filter((a) => a !== null) : [])];
    for (const candidate of candidates) {
      if (never.check(candidate, family(candidate))) return 'a link-local, metadata or reserved address, which is never reached';
      if (privateRanges.check(candidate, family(candidate)) && !this.#allowed.check(candidate, family(candidate))) {
        return 'a loopback or private address (allow it with SWITCHBOARD_OUTBOUND_ALLOW)';
      }
    }
    return null;
  }

  /** A URL whose host is an IP address is dialled without a lookup: its refusal, if any. */
  urlRefusal(url: URL): string | null {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const refusal = isIP(host) ? this.refusal(host) : null;
    return refusal && `${url.host} is ${refusal}`;
  }

  /** The DNS lookup connections use: every address a name resolves to must pass, or none is dialled. */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refusal = addresses.map((a) => this.refusal(a.address)).find((r) => r !== null);
      if (refusal || !addresses.length) return callback(new OutboundRefusedError(`${hostname} resolves to ${refusal ?? 'no address'}`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** `address/prefix` or a bare address; throws on anything else, and on networks that are never reached. */
function parseNetwork(entry: string): Network {
  const [address = '', prefixText] = entry.split('/');
  const kind = isIP(address);
  const prefix = prefixText === undefined ? (kind === 6 ? 128 : 32) : Number(prefixText);
  if (!kind || !Number.isInteger(prefix) || prefix < 0 || prefix > (kind === 6 ? 128 : 32)) throw new Error(`not a network: "${entry}"`);
  if (never.check(address, family(address))) throw new Error(`"${entry}" is link-local, metadata or reserved: it is never reached`);
  return [address, prefix];
}
