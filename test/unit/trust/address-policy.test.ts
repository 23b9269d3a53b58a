import { describe, expect, it } from 'vitest';
import {
  AddressPolicy,
  REFUSED_BY_ADDRESS_POLICY,
  internalKind,
  parseNetwork,
} from '../../../daemon/src/trust/address-policy.js';

/**
 * Every internal block is tested at its edges: its first and last address are inside, the address
 * just before and just after it are not (they are public, or lie in the neighbouring block). A
 * block removed, narrowed or widened fails here.
 */

type Kind = string | undefined;
interface Block {
  cidr: string;
  kind: string;
  /** Kind of the address just below the block (null: there is none). */
  below: Kind | null;
  /** Kind of the address just above the block (null: there is none). */
  above: Kind | null;
  /** Kind of the first address when an earlier, narrower block claims it. */
  first?: string;
}

const PUBLIC = undefined;

const V4: Block[] = [
  { cidr: '0.0.0.0/8', kind: 'unspecified', below: null, above: PUBLIC },
  { cidr: '10.0.0.0/8', kind: 'private', below: PUBLIC, above: PUBLIC },
  { cidr: '100.64.0.0/10', kind: 'shared (CGNAT)', below: PUBLIC, above: PUBLIC },
  { cidr: '127.0.0.0/8', kind: 'loopback', below: PUBLIC, above: PUBLIC },
  { cidr: '169.254.0.0/16', kind: 'link-local', below: PUBLIC, above: PUBLIC },
  { cidr: '172.16.0.0/12', kind: 'private', below: PUBLIC, above: PUBLIC },
  { cidr: '192.168.0.0/16', kind: 'private', below: PUBLIC, above: PUBLIC },
  { cidr: '224.0.0.0/4', kind: 'multicast', below: PUBLIC, above: 'reserved' },
  { cidr: '240.0.0.0/4', kind: 'reserved', below: 'multicast', above: null },
];

const V6: Block[] = [
  { cidr: '::/128', kind: 'unspecified', below: null, above: 'loopback' },
  { cidr: '::1/128', kind: 'loopback', below: 'unspecified', above: 'reserved (IPv4-compatible)' },
  { cidr: '::/96', kind: 'reserved (IPv4-compatible)', first: 'unspecified', below: null, above: PUBLIC },
  { cidr: '2001::/32', kind: 'reserved (Teredo)', below: PUBLIC, above: PUBLIC },
  { cidr: '2001:db8::/32', kind: 'reserved (documentation)', below: PUBLIC, above: PUBLIC },
  { cidr: 'fc00::/7', kind: 'private', below: PUBLIC, above: PUBLIC },
  { cidr: 'fe80::/10', kind: 'link-local', below: PUBLIC, above: PUBLIC },
  { cidr: 'ff00::/8', kind: 'multicast', below: PUBLIC, above: null },
];

function v4ToInt(ip: string): bigint {
  return ip.split('.').reduce((n, octet) => (n << 8n) | BigInt(octet), 0n);
}
function intToV4(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 0xffn)).join('.');
}
function v6ToInt(ip: string): bigint {
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.reduce((n, g) => (n << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}
/** Full, uncompressed form: a different spelling than the table, as a resolver might return it. */
function intToV6(n: bigint): string {
  return Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
}

/** [label, address, expected kind] for the four edges of a block. */
function edges(block: Block, bits: number, toText: (n: bigint) => string, toInt: (s: string) => bigint) {
  const [net = '', prefix = ''] = block.cidr.split('/');
  const size = 1n << BigInt(bits - Number(prefix));
  const first = toInt(net);
  const last = first + size - 1n;
  const rows: Array<[string, string, Kind]> = [
    ['first', toText(first), block.first ?? block.kind],
    ['last', toText(last), block.kind],
  ];
  if (block.below !== null) rows.push(['just below', toText(first - 1n), block.below]);
  if (block.above !== null) rows.push(['just above', toText(last + 1n), block.above]);
  return rows.map(([edge, ip, kind]) => [block.cidr, edge, ip, kind] as const);
}

const v4Edges = V4.flatMap((b) => edges(b, 32, intToV4, v4ToInt));
const v6Edges = V6.flatMap((b) => edges(b, 128, intToV6, v6ToInt));

describe('internal address blocks at their edges', () => {
  it.each(v4Edges)('%s, %s address %s: %s', (_cidr, _edge, ip, kind) => {
    expect(internalKind(ip)).toBe(kind);
  });

  it.each(v6Edges)('%s, %s address %s: %s', (_cidr, _edge, ip, kind) => {
    expect(internalKind(ip)).toBe(kind);
  });
});

/** The IPv6 spellings of an IPv4 host that must be judged as that host. */
function v6Carriers(ip: string): Array<[string, string]> {
  const n = v4ToInt(ip);
  const hi = ((n >> 16n) & 0xffffn).toString(16);
  const lo = (n & 0xffffn).toString(16);
  return [
    ['IPv4-mapped', `::ffff:${ip}`],
    ['IPv4-mapped, hex', `::ffff:${hi}:${lo}`],
    ['NAT64', `64:ff9b::${hi}:${lo}`],
    ['6to4', `2002:${hi}:${lo}::1`],
  ];
}

describe('IPv4 hosts carried in IPv6 addresses are judged as the IPv4 host', () => {
  const rows = v4Edges.flatMap(([cidr, edge, ip, kind]) =>
    v6Carriers(ip).map(([form, v6]) => [cidr, edge, form, v6, kind] as const),
  );
  it.each(rows)('%s, %s address as %s %s: %s', (_cidr, _edge, _form, v6, kind) => {
    expect(internalKind(v6)).toBe(kind);
  });

  it.each([
    // Just outside ::ffff:0:0/96, 64:ff9b::/96 and 2002::/16: plain IPv6 addresses, not carriers.
    ['::fffe:ffff:ffff', PUBLIC],
    ['::1:0:0:0', PUBLIC],
    ['64:ff9a:ffff:ffff:ffff:ffff:7f00:1', PUBLIC],
    ['64:ff9b:0:0:0:1:7f00:1', PUBLIC],
    ['2001:ffff:7f00:1::', PUBLIC],
    ['2003:7f00:1::', PUBLIC],
  ])('%s is not read as a carrier: %s', (ip, kind) => {
    expect(internalKind(ip)).toBe(kind);
  });
});

describe('AddressPolicy allowlist at its edges', () => {
  it('an allowed network lets exactly its own addresses through', () => {
    const p = new AddressPolicy({ networks: ['10.20.0.0/16', 'fd00::/8'] });
    for (const ip of ['10.20.0.0', '10.20.255.255', 'fd00::', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']) {
      expect(() => p.check('ocsp.noibo', ip), ip).not.toThrow();
    }
    for (const ip of ['10.19.255.255', '10.21.0.0', 'fc00::1', 'fe80::1']) {
      expect(() => p.check('ocsp.noibo', ip), ip).toThrow(/address \(trust\.fetch\.allowNetworks/);
    }
  });

  it('an allowed IPv4 network covers the same host carried in IPv6', () => {
    const p = new AddressPolicy({ networks: ['10.20.0.0/16'] });
    expect(() => p.check('ocsp.noibo', '::ffff:10.20.3.4')).not.toThrow();
    expect(() => p.check('ocsp.noibo', '::ffff:10.21.3.4')).toThrow(/is a private address/);
  });

  it('a public address passes with no allowlist; an internal one is refused naming host, address and kind', () => {
    const p = new AddressPolicy();
    expect(() => p.check('ca.example.vn', '203.162.4.190')).not.toThrow();
    expect(() => p.check('ca.example.vn', '10.0.0.1')).toThrow(
      expect.objectContaining({
        code: 'REVOCATION_UNAVAILABLE',
        message: expect.stringContaining('ca.example.vn (10.0.0.1) is a private address'),
      }),
    );
    expect(() => p.check('10.0.0.1', '10.0.0.1')).toThrow(/not fetched: 10\.0\.0\.1 is a private address/);
  });

  it('a refusal says in its details that the address policy refused, and which kind of address', () => {
    expect(() => new AddressPolicy().check('ca.example.vn', '127.0.0.1')).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ [REFUSED_BY_ADDRESS_POLICY]: true, kind: 'loopback' }),
      }),
    );
  });

  it('an allowed host name is matched whole, in any case', () => {
    const p = new AddressPolicy({ hosts: ['CRL.noibo.gov.vn'] });
    expect(() => p.check('crl.NOIBO.gov.vn', '192.168.1.5')).not.toThrow();
    expect(() => p.check('crl.noibo.gov.vn.evil', '192.168.1.5')).toThrow(/private address/);
    expect(() => p.check('x.crl.noibo.gov.vn', '192.168.1.5')).toThrow(/private address/);
  });

  it('AddressPolicy.any() lets every address through', () => {
    const p = AddressPolicy.any();
    for (const ip of ['127.0.0.1', '255.255.255.255', '0.0.0.0', '::1', 'ff02::1', 'fe80::1']) {
      expect(() => p.check('tsa.local', ip), ip).not.toThrow();
    }
  });
});

describe('parseNetwork', () => {
  it.each([
    ['10.0.0.0/8', { ip: '10.0.0.0', prefix: 8, type: 'ipv4' }],
    ['10.0.0.0/0', { ip: '10.0.0.0', prefix: 0, type: 'ipv4' }],
    ['10.0.0.0/32', { ip: '10.0.0.0', prefix: 32, type: 'ipv4' }],
    [' 10.1.2.3 ', { ip: '10.1.2.3', prefix: 32, type: 'ipv4' }],
    ['fd00::/8', { ip: 'fd00::', prefix: 8, type: 'ipv6' }],
    ['fd00::/128', { ip: 'fd00::', prefix: 128, type: 'ipv6' }],
    ['::1', { ip: '::1', prefix: 128, type: 'ipv6' }],
  ])('%s is a network', (cidr, expected) => {
    expect(parseNetwork(cidr)).toEqual(expected);
  });

  it.each([
    '10.0.0.0/33',
    'fd00::/129',
    '10.0.0.0/',
    '10.0.0.0/-1',
    '10.0.0.0/8.5',
    '10.0.0.0/ 8',
    '10.0.0.0/8/8',
    '10.0.0/8',
    'crl.noibo.gov.vn',
    '',
  ])('%j is not a network', (cidr) => {
    expect(parseNetwork(cidr)).toBeUndefined();
  });

  it('an invalid network in the config is refused as CONFIG_INVALID', () => {
    expect(() => new AddressPolicy({ networks: ['10.0.0.0/33'] })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
  });
});
