import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkAxisConfig } from '../../../daemon/src/exchange/axis/config.js';
import {
  signVdxpHeaders,
  vdxpHashFile,
  vdxpTimestamp,
  verifyVdxpHeaders,
} from '../../../daemon/src/exchange/axis/vdxp-sign.js';

describe('VDXP HMAC headers', () => {
  it('formats the SDK timestamp ddMMyyyyTHHmmss+SSSS in Vietnam time', () => {
    expect(vdxpTimestamp(new Date('2026-11-24T21:05:09.042Z'))).toBe('25112026T040509+0042');
  });

  it('hashes the file as SHA-256 hex, optionally with the SDK dropped zeros', () => {
    const data = new TextEncoder().encode('abc');
    expect(vdxpHashFile(data)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(vdxpHashFile(data, true)).toBe('ba7816bf8f1cfea414140de5dae2223b0361a396177a9cb410ff61f2015ad');
  });

  it('signs the JSON of the XroadVnpt- headers with HMAC-SHA256 of the secret', () => {
    const h = signVdxpHeaders(
      { 'Content-Type': 'application/json', messagetype: 'edoc' },
      { systemId: 'sys1', secret: 'bí mật', timestamp: 'T' },
    );
    expect(h['XroadVnpt-sign-header-key']).toBe(
      'XroadVnpt-timestamp;XroadVnpt-systemid;XroadVnpt-Content-Type;XroadVnpt-messagetype',
    );
    const json = h['XroadVnpt-sign-header']!;
    expect(JSON.parse(json)).toEqual({
      'XroadVnpt-timestamp': 'T',
      'XroadVnpt-systemid': 'sys1',
      'XroadVnpt-Content-Type': 'application/json',
      'XroadVnpt-messagetype': 'edoc',
    });
    expect(h['XroadVnpt-hash-header']).toBe(
      createHmac('sha256', Buffer.from('bí mật', 'utf8')).update(json).digest('hex'),
    );
    expect(h['Content-Type']).toBe('application/json');
    expect(h['User-Agent']).toBe('JAVASDKAgent/1.0.0 XRoad/VPCP');
    expect(h['XroadVnpt-version']).toBe('3.0.201608');
    const lower = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
    const get = (n: string) => lower[n.toLowerCase()];
    expect(verifyVdxpHeaders(get, () => 'bí mật')).toMatchObject({ ok: true, systemId: 'sys1' });
    expect(verifyVdxpHeaders(get, () => 'other')).toMatchObject({ ok: false, reason: 'HMAC mismatch' });
    lower['messagetype'] = 'status';
    expect(verifyVdxpHeaders(get, () => 'bí mật').ok).toBe(false);
  });

  it('refuses configurations holding secrets or plain HTTP to another host', () => {
    const base = {
      kind: 'vdxp',
      endpoint: 'https://axis.example.vn',
      organId: 'X',
      secretRef: 'axis',
      systemId: 's',
    };
    expect(checkAxisConfig(base).kind).toBe('vdxp');
    expect(() => checkAxisConfig({ ...base, secret: 'x' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID' }),
    );
    expect(() => checkAxisConfig({ ...base, endpoint: 'http://axis.example.vn' })).toThrow(/https/);
    expect(checkAxisConfig({ ...base, endpoint: 'http://127.0.0.1:9000' }).endpoint).toBe(
      'http://127.0.0.1:9000',
    );
  });
});
