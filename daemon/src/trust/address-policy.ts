import { BlockList, isIP } from 'node:net';
import { VanthuError } from '@vanthu/shared/errors/index';

/** Internal address ranges a certificate URL may not reach unless the admin allows them. */
const INTERNAL: ReadonlyArray<readonly [string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'shared (CGNAT)'],
  ['169.254.0.0', 16, 'ipv4', 'link-local'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['::', 96, 'ipv6', 'reserved (IPv4-compatible)'],
  ['2001::', 32, 'ipv6', 'reserved (Teredo)'],
  ['2001:db8::', 32, 'ipv6', 'reserved (documentation)'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

/**
 * The address lists, built on the first check: a BlockList costs its SocketAddress objects (about
 * 20 ms for these at a command's start), and most commands never check an address.
 */
let built:
  | { kinds: { list: BlockList; kind: string }[]; embedsV4: BlockList; sixToFour: BlockList }
  | undefined;
function lists(): NonNullable<typeof built> {
  if (built) return built;
  const kinds = INTERNAL.map(([net, prefix, type, kind]) => {
    const list = new BlockList();
    list.addSubnet(net, prefix, type);
    return { list, kind };
  });
  /** Prefixes whose last 32 bits are an IPv4 host: IPv4-mapped (::ffff:0:0/96) and NAT64 (64:ff9b::/96). */
  const embedsV4 = new BlockList();
  embedsV4.addSubnet('::ffff:0:0', 96, 'ipv6');
  embedsV4.addSubnet('64:ff9b::', 96, 'ipv6');
  /** 6to4 (2002::/16): the IPv4 host sits in bits 16–47. */
  const sixToFour = new BlockList();
  sixToFour.addSubnet('2002::', 16, 'ipv6');
  built = { kinds, embedsV4, sixToFour };
  return built;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part counts as two). */
function ipv6Groups(ip: string): number[] {
  // Stryker disable next-line Regex: isIP has validated `ip`, so a dotted quad can only be its end.
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  const hex = dotted
    ? `${ip.slice(0, dotted.index)}${((Number(dotted[1]) << 8) | Number(dotted[2])).toString(16)}:${((Number(dotted[3]) << 8) | Number(dotted[4])).toString(16)}`
    : ip;
  // Stryker disable next-line StringLiteral: split always yields a first element; the default only types it.
  const [head = '', tail = ''] = hex.split('::');
  // Stryker disable next-line ArrayDeclaration: an empty part is only ever beside '::', and the groups read (1–2, 6–7) never come from it.
  const parse = (part: string): number[] => (part ? part.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const h = parse(head);
  const t = parse(tail);
  return [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
}

/** An address that carries an IPv4 host is checked as that host, so it cannot slip past the v4 ranges. */
function normalize(ip: string): { ip: string; type: 'ipv4' | 'ipv6' } {
  if (isIP(ip) !== 6) return { ip, type: 'ipv4' };
  const v4 = (hi: number, lo: number): { ip: string; type: 'ipv4' } => ({
    ip: [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join('.'),
    type: 'ipv4',
  });
  const { embedsV4, sixToFour } = lists();
  if (embedsV4.check(ip, 'ipv6')) {
    const g = ipv6Groups(ip);
    return v4(g[6]!, g[7]!);
  }
  if (sixToFour.check(ip, 'ipv6')) {
    const g = ipv6Groups(ip);
    return v4(g[1]!, g[2]!);
  }
  return { ip, type: 'ipv6' };
}

/** The kind of internal range `ip` lies in (loopback, private, …), or undefined for a public address. */
export function internalKind(ip: string): string | undefined {
  const n = normalize(ip);
  return lists().kinds.find((k) => k.list.check(n.ip, n.type))?.kind;
}

/** Set in the details of the error a refused address raises, so callers can name the policy as the cause. */
// Stryker disable next-line StringLiteral: the key's spelling is not the contract; callers use this constant.
export const REFUSED_BY_ADDRESS_POLICY = 'refusedByAddressPolicy';

/** Admin config `trust.fetch`: internal hosts and networks certificate URLs may nevertheless reach. */
export interface FetchAllowlist {
  /** Host names (exact, case-insensitive), e.g. "crl.noibo.gov.vn". */
  hosts?: readonly string[];
  /** Networks in CIDR notation (or single addresses), e.g. "10.20.0.0/16". */
  networks?: readonly string[];
}

/** Parses "a.b.c.d/n", "x::/n" or a single address; undefined when it is none of these. */
export function parseNetwork(
  cidr: string,
): { ip: string; prefix: number; type: 'ipv4' | 'ipv6' } | undefined {
  // Stryker disable next-line StringLiteral: split always yields a first element; the default only types it.
  const [ip = '', bits, ...rest] = cidr.trim().split('/');
  const family = isIP(ip);
  if (family === 0 || rest.length > 0) return undefined;
  const max = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!/^\d+$/.test(bits ?? String(max)) || prefix > max) return undefined;
  return { ip, prefix, type: family === 4 ? 'ipv4' : 'ipv6' };
}

/** Decides, for one host name and each of its addresses, whether a certificate URL may reach it. */
export class AddressPolicy {
  private readonly hosts: Set<string>;
  private readonly networks = new BlockList();

  constructor(allow: FetchAllowlist = {}) {
    // Stryker disable next-line ArrayDeclaration: a placeholder host name in the default would never match a real host.
    this.hosts = new Set((allow.hosts ?? []).map((h) => h.toLowerCase()));
    for (const cidr of allow.networks ?? []) {
      const n = parseNetwork(cidr);
      if (!n)
        throw new VanthuError('CONFIG_INVALID', `trust.fetch.allowNetworks: "${cidr}" is not a network`);
      this.networks.addSubnet(n.ip, n.prefix, n.type);
    }
  }

  /** Every address allowed: for a URL the administrator configured (the TSA), not one from a certificate. */
  static any(): AddressPolicy {
    return new AddressPolicy({ networks: ['0.0.0.0/0', '::/0'] });
  }

  /** Throws REVOCATION_UNAVAILABLE naming the range when `ip` (an address of `host`) is internal and not allowed. */
  check(host: string, ip: string): void {
    const kind = internalKind(ip);
    if (!kind || this.hosts.has(host.toLowerCase())) return;
    const n = normalize(ip);
    if (this.networks.check(n.ip, n.type)) return;
    throw new VanthuError(
      'REVOCATION_UNAVAILABLE',
      `not fetched: ${host === ip ? ip : `${host} (${ip})`} is a ${kind} address (trust.fetch.allowNetworks / allowHosts)`,
      { [REFUSED_BY_ADDRESS_POLICY]: true, kind },
    );
  }
}
