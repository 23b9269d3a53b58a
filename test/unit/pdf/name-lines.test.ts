import { describe, expect, it } from 'vitest';
import { balancedLines } from '../../../daemon/src/pdf/layout/receipt-stamp.js';
import { twoLineSplits } from '../../../daemon/src/pdf/layout/name-lines.js';

/** One unit per character: enough to compare line widths. */
const chars = { measure: (t: string) => t.length };

describe('an organisation set on two lines keeps its place names whole', () => {
  it('breaks before "THÀNH PHỐ CẦN THƠ", not inside it, even when a cut inside balances better', () => {
    // By width alone "SỞ Y TẾ THÀNH / PHỐ CẦN THƠ" (13 / 11) beats "SỞ Y TẾ / THÀNH PHỐ CẦN THƠ" (7 / 17).
    expect(twoLineSplits(chars, 'SỞ Y TẾ THÀNH PHỐ CẦN THƠ')[0]).toEqual(['SỞ Y TẾ', 'THÀNH PHỐ CẦN THƠ']);
    expect(twoLineSplits(chars, 'ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ')[0]).toEqual([
      'ỦY BAN NHÂN DÂN',
      'THÀNH PHỐ CẦN THƠ',
    ]);
  });

  it('never between two places’ words when a cut between places exists; in any letter case', () => {
    const name = 'Ủy ban nhân dân phường An Hòa quận Ninh Kiều';
    const [first] = twoLineSplits(chars, name);
    // Allowed: after "Ủy", "ban", "nhân", "dân" and "Hòa"; after "dân" the wider line is the narrowest.
    expect(first).toEqual(['Ủy ban nhân dân', 'phường An Hòa quận Ninh Kiều']);
    expect(twoLineSplits(chars, name).slice(0, 2)).toContainEqual([
      'Ủy ban nhân dân phường An Hòa',
      'quận Ninh Kiều',
    ]);
    expect(twoLineSplits(chars, 'UBND TỈNH HẬU GIANG')[0]).toEqual(['UBND', 'TỈNH HẬU GIANG']);
  });

  it('the most balanced cut among the allowed ones, then the cuts inside places, most balanced first', () => {
    expect(twoLineSplits(chars, 'THÀNH PHỐ CẦN THƠ')).toEqual([
      ['THÀNH PHỐ', 'CẦN THƠ'],
      ['THÀNH', 'PHỐ CẦN THƠ'],
      ['THÀNH PHỐ CẦN', 'THƠ'],
    ]);
    // "XÃ HỘI" is read as a place: it only keeps two words together.
    expect(twoLineSplits(chars, 'SỞ LAO ĐỘNG THƯƠNG BINH VÀ XÃ HỘI')[0]).toEqual([
      'SỞ LAO ĐỘNG THƯƠNG',
      'BINH VÀ XÃ HỘI',
    ]);
  });

  it('a place’s name is its capitalised syllables after the unit word (at most four), or a number', () => {
    // "trực thuộc …" is not part of the city's name: the cut after "Thơ" is allowed and most balanced.
    const long = 'Sở Y tế thành phố Cần Thơ trực thuộc Ủy ban nhân dân';
    expect(twoLineSplits(chars, long)[0]).toEqual([
      'Sở Y tế thành phố Cần Thơ',
      'trực thuộc Ủy ban nhân dân',
    ]);
    expect(twoLineSplits(chars, 'Chi cục Thuế Quận 3 TP HCM')[0]).toEqual(['Chi cục Thuế', 'Quận 3 TP HCM']);
    // All capitals: every syllable may be the name's, up to four after the unit.
    expect(twoLineSplits(chars, 'SỞ Y TẾ TỈNH BÀ RỊA VŨNG TÀU XYZ')[0]).toEqual([
      'SỞ Y TẾ',
      'TỈNH BÀ RỊA VŨNG TÀU XYZ',
    ]);
    expect(twoLineSplits(chars, 'SỞ TỈNH A B C D E F G H')[0]).toEqual(['SỞ TỈNH A B C D', 'E F G H']);
  });

  it('the ĐẾN stamp takes the best split whose lines fit the width, else the best split', () => {
    expect(balancedLines(chars, 'SỞ Y TẾ THÀNH PHỐ CẦN THƠ', 17 * 8, 8)).toEqual([
      'SỞ Y TẾ',
      'THÀNH PHỐ CẦN THƠ',
    ]);
    // 13 wide: only the cut inside the city's name fits.
    expect(balancedLines(chars, 'SỞ Y TẾ THÀNH PHỐ CẦN THƠ', 13 * 8, 8)).toEqual([
      'SỞ Y TẾ THÀNH',
      'PHỐ CẦN THƠ',
    ]);
    expect(balancedLines(chars, 'SỞ Y TẾ THÀNH PHỐ CẦN THƠ', 5 * 8, 8)).toEqual([
      'SỞ Y TẾ',
      'THÀNH PHỐ CẦN THƠ',
    ]);
    expect(balancedLines(chars, 'UBND XÃ A', 100, 8)).toEqual(['UBND XÃ A']);
  });
});
