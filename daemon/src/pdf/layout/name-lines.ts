/** Width of a string set at 1 pt. */
export interface Measure {
  measure(text: string): number;
}

/**
 * Administrative units that open a place name (Luật Tổ chức chính quyền địa phương): "TỈNH HẬU
 * GIANG", "THÀNH PHỐ CẦN THƠ", "PHƯỜNG AN HÒA". Compared in upper case, syllable by syllable.
 */
const UNITS: readonly (readonly string[])[] = [
  ['THÀNH', 'PHỐ'],
  ['THỊ', 'XÃ'],
  ['THỊ', 'TRẤN'],
  ['TỈNH'],
  ['QUẬN'],
  ['HUYỆN'],
  ['PHƯỜNG'],
  ['XÃ'],
  ['ĐẶC', 'KHU'],
];

const upper = (s: string): string => s.normalize('NFC').toLocaleUpperCase('vi');

/** Syllables a place's own name may have after its unit word ("Bà Rịa", "Phan Rang Tháp Chàm"). */
const MAX_NAME_SYLLABLES = 4;

/** A proper name's syllable: capitalised (any syllable of an all-capitals name), or a number ("Quận 3"). */
const namePart = (word: string): boolean => {
  const first = word.charAt(0);
  return /\d/.test(first) || first !== first.toLocaleLowerCase('vi');
};

/**
 * The cuts (word indexes) that fall inside a place: inside its unit word, or inside the name after
 * it, which runs over the capitalised syllables that follow (at most four, up to the next unit). A
 * line break there would split "CẦN / THƠ" or "THÀNH / PHỐ"; "thành phố Cần Thơ trực thuộc …" ends
 * at "Thơ".
 */
function cutsInsidePlaces(words: readonly string[]): Set<number> {
  const up = words.map(upper);
  const inside = new Set<number>();
  const unitAt = (i: number): number => {
    const unit = UNITS.find((u) => u.every((syllable, k) => up[i + k] === syllable));
    return unit ? unit.length : 0;
  };
  for (let i = 0; i < words.length; i++) {
    const n = unitAt(i);
    if (n === 0) continue;
    let end = i + n;
    while (
      end < words.length &&
      end - (i + n) < MAX_NAME_SYLLABLES &&
      unitAt(end) === 0 &&
      namePart(words[end]!)
    )
      end++;
    for (let cut = i + 1; cut < end; cut++) inside.add(cut);
    i = end - 1;
  }
  return inside;
}

/**
 * Every way to set `text` on two lines, best first: cuts that keep each place name whole before the
 * others, and within each group the split whose wider line is narrowest (the most balanced).
 */
export function twoLineSplits(m: Measure, text: string): string[][] {
  const words = text.split(' ');
  const inside = cutsInsidePlaces(words);
  const splits = words.slice(1).map((_, k) => {
    const cut = k + 1;
    const lines = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    return { lines, splitsPlace: inside.has(cut), widest: Math.max(...lines.map((l) => m.measure(l))) };
  });
  splits.sort((p, q) => Number(p.splitsPlace) - Number(q.splitsPlace) || p.widest - q.widest);
  return splits.map((s) => s.lines);
}
