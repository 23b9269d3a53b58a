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
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fc00::', 7, 'ipv6', 'private'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const kinds = INTERNAL.map(([net, prefix, type, kind]) => {
  const list = new BlockList();
  list.addSubnet(net, prefix, type);
  return { list, kind };
});

/** `::ffff:a.b.c.d` is the IPv4 host a.b.c.d; checked as such so it cannot slip past the v4 ranges. */
function normalize(ip: string): { ip: string; type: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return { ip: mapped[1]!, type: 'ipv4' };
  return { ip, type: isIP(ip) === 6 ? 'ipv6' : 'ipv4' };
}

/** The kind of internal range `ip` lies in (loopback, private, …), or undefined for a public address. */
export function internalKind(ip: string): string | undefined {
  const n = normalize(ip);
  return kinds.find((k) => k.list.check(n.ip, n.type))?.kind;
}

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
    );
  }
}
