import { describe, expect, it } from 'vitest';
import { registrationBook, type SignatureSeen } from '../../../extension/src/profile/registration-book.js';
import { registrationPageUrl, samePortalPage } from '../../../extension/src/profile/registration-page.js';

const approver: SignatureSeen = { role: 'approver', integrity: true };
const seal: SignatureSeen = { role: 'seal', integrity: true };

describe('the book "Vào sổ" opens', () => {
  it('follows a profile that marks outgoing rows, whoever signed the document', () => {
    expect(registrationBook(true, [])).toBe('outgoing');
    expect(registrationBook(true, [approver, seal])).toBe('outgoing');
    // A row among arrivals, signed by an approver of the sending agency and not sealed.
    expect(registrationBook(false, [approver])).toBe('incoming');
  });

  it('otherwise follows the document: an approved draft without a seal is outgoing', () => {
    expect(registrationBook(undefined, [approver])).toBe('outgoing');
  });

  it('an arrival is incoming: sealed, unsigned, or its approver signature broken', () => {
    expect(registrationBook(undefined, [approver, seal])).toBe('incoming');
    expect(registrationBook(undefined, [])).toBe('incoming');
    expect(registrationBook(undefined, undefined)).toBe('incoming');
    expect(registrationBook(undefined, [{ role: 'approver', integrity: false }])).toBe('incoming');
    expect(registrationBook(undefined, [{ role: 'copy', integrity: true }])).toBe('incoming');
  });
});

const element = (attributes: Record<string, string>) => ({
  getAttribute: (name: string) => attributes[name] ?? null,
});
const PAGE = 'http://qlvb.cantho.gov.vn/VanBan/DanhSach.aspx?trang=2';

describe('registration page of a row', () => {
  it('fills placeholders from the row, then the link, URL-encoded, on the portal origin', () => {
    const row = element({ 'data-id': '17' });
    const link = element({ 'data-fid': 'a b/../c?d' });
    expect(registrationPageUrl('/VanBan/DangKy.aspx?id={data-id}', [row, link], PAGE)).toBe(
      'http://qlvb.cantho.gov.vn/VanBan/DangKy.aspx?id=17',
    );
    expect(registrationPageUrl('/VanBan/DangKy.aspx?fid={data-fid}', [row, link], PAGE)).toBe(
      'http://qlvb.cantho.gov.vn/VanBan/DangKy.aspx?fid=a%20b%2F..%2Fc%3Fd',
    );
  });

  it('gives nothing when the row lacks a value', () => {
    expect(registrationPageUrl('/DangKy.aspx?id={data-id}', [element({ 'data-id': '' })], PAGE)).toBe(
      undefined,
    );
    expect(registrationPageUrl('/DangKy.aspx?id={data-id}', [element({})], PAGE)).toBe(undefined);
  });

  it('refuses other origins, other schemes and credentials', () => {
    expect(samePortalPage('/VanBan/DangKy.aspx', PAGE)).toBe('http://qlvb.cantho.gov.vn/VanBan/DangKy.aspx');
    expect(samePortalPage('//evil.example/x', PAGE)).toBe(undefined);
    expect(samePortalPage('https://qlvb.cantho.gov.vn/x', PAGE)).toBe(undefined);
    expect(samePortalPage('javascript:alert(1)', PAGE)).toBe(undefined);
    expect(samePortalPage('http://u:p@qlvb.cantho.gov.vn/x', PAGE)).toBe(undefined);
    // A value that is itself a URL stays a query value.
    expect(registrationPageUrl('/{data-id}', [element({ 'data-id': '//evil.example' })], PAGE)).toBe(
      'http://qlvb.cantho.gov.vn/%2F%2Fevil.example',
    );
  });

  it('refuses a value that would climb out of the template\'s path ("." or "..", alone or joined)', () => {
    const path = '/VanBan/{data-id}/DangKy.aspx';
    expect(registrationPageUrl(path, [element({ 'data-id': '..' })], PAGE)).toBe(undefined);
    expect(registrationPageUrl(path, [element({ 'data-id': '.' })], PAGE)).toBe(undefined);
    expect(registrationPageUrl('/VanBan/{a}{b}/x', [element({ a: '.', b: '.' })], PAGE)).toBe(undefined);
    expect(registrationPageUrl('/VanBan/{a}%2e/x', [element({ a: '.' })], PAGE)).toBe(undefined);
    // Dots inside a segment or in the query are only text.
    expect(registrationPageUrl(path, [element({ 'data-id': '..a' })], PAGE)).toBe(
      'http://qlvb.cantho.gov.vn/VanBan/..a/DangKy.aspx',
    );
    expect(registrationPageUrl('/DangKy.aspx?id={data-id}', [element({ 'data-id': '..' })], PAGE)).toBe(
      'http://qlvb.cantho.gov.vn/DangKy.aspx?id=..',
    );
  });
});
