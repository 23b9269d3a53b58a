/**
 * The demo's two agencies: the city People's Committee, where the approver signs and the seal is
 * kept, and the Department of Home Affairs, its counterpart on the local axis. Identifiers have the
 * mã định danh shape (QĐ 20/2020): H13 is Cần Thơ, 09 the Sở Nội vụ under it.
 */
export interface DemoAgency {
  /** Short key: data directory, Chromium profile and portal names. */
  key: 'ubnd' | 'snv';
  organId: string;
  organName: string;
  /** Its VDXP system id on the demo axis. */
  systemId: string;
  /** Preferred ports when the command line names none (the counterpart takes the next ones). */
  daemonPort: number;
  portalPort: number;
}

export const DEMO_AGENCIES = [
  {
    key: 'ubnd',
    organId: '000.00.00.H13',
    organName: 'Ủy ban nhân dân thành phố Cần Thơ',
    systemId: 'demo-ubnd-ct',
    daemonPort: 47891,
    portalPort: 8080,
  },
  {
    key: 'snv',
    organId: '000.00.09.H13',
    organName: 'Sở Nội vụ thành phố Cần Thơ',
    systemId: 'demo-snv-ct',
    daemonPort: 47892,
    portalPort: 8081,
  },
] as const satisfies readonly DemoAgency[];

/** The name of the axis credential in each agency's secret files. */
export const DEMO_AXIS_SECRET_REF = 'vanthu/axis/demo';
