/**
 * A small content-stream scanner (ISO 32000-1 §7.8.2): the operators of a stream and every name
 * it mentions, without interpreting them. Used to ask what an appearance draws and which resource
 * names a page's content uses; anything it cannot read is reported as unreadable, never skipped.
 */
export interface ContentScan {
  operators: Set<string>;
  names: Set<string>;
  /** The stream did not scan to the end (unbalanced string, inline image without EI, …). */
  unreadable: boolean;
}

const MAX_TOKENS = 2_000_000;

const isWhite = (c: number): boolean =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelim = (c: number): boolean =>
  c === 0x28 ||
  c === 0x29 ||
  c === 0x3c ||
  c === 0x3e ||
  c === 0x5b ||
  c === 0x5d ||
  c === 0x7b ||
  c === 0x7d ||
  c === 0x2f ||
  c === 0x25;

export function scanContent(data: Uint8Array): ContentScan {
  const operators = new Set<string>();
  const names = new Set<string>();
  let i = 0;
  let tokens = 0;
  const n = data.length;
  const regular = (): string => {
    const start = i;
    while (i < n && !isWhite(data[i]!) && !isDelim(data[i]!)) i++;
    return Buffer.from(data.subarray(start, i)).toString('latin1');
  };
  while (i < n) {
    if (++tokens > MAX_TOKENS) return { operators, names, unreadable: true };
    const c = data[i]!;
    if (isWhite(c)) {
      i++;
    } else if (c === 0x25) {
      while (i < n && data[i] !== 0x0a && data[i] !== 0x0d) i++;
    } else if (c === 0x2f) {
      i++;
      const raw = regular().replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) =>
        String.fromCharCode(Number.parseInt(h, 16)),
      );
      names.add(raw);
    } else if (c === 0x28) {
      let depth = 0;
      for (; i < n; i++) {
        const b = data[i]!;
        if (b === 0x5c) i++;
        else if (b === 0x28) depth++;
        else if (b === 0x29 && --depth === 0) break;
      }
      if (i >= n) return { operators, names, unreadable: true };
      i++;
    } else if (c === 0x3c && data[i + 1] !== 0x3c) {
      const end = data.indexOf(0x3e, i);
      if (end < 0) return { operators, names, unreadable: true };
      i = end + 1;
    } else if (c === 0x3c || c === 0x3e) {
      // Dictionary delimiters of inline operands (BDC property lists).
      i += data[i + 1] === c ? 2 : 1;
    } else if (
      // Stryker disable LogicalOperator: a delimiter this branch misses reaches the empty-token step below, which also steps over it
      c === 0x5b ||
      c === 0x5d ||
      c === 0x7b ||
      c === 0x7d ||
      c === 0x29
      // Stryker restore LogicalOperator
    ) {
      i++;
    } else {
      const tok = regular();
      // Stryker disable BlockStatement,UpdateOperator: every delimiter and white space has a branch above, so no token is empty here unless one of those branches is mutated
      if (tok.length === 0) {
        i++;
        // Stryker restore BlockStatement,UpdateOperator
        continue;
      }
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(tok) || tok === 'true' || tok === 'false' || tok === 'null')
        continue;
      operators.add(tok);
      if (tok === 'ID') {
        // Inline image data runs to the first whitespace-delimited EI.
        let end = -1;
        for (let j = i + 1; j + 2 < n; j++) {
          if (
            isWhite(data[j]!) &&
            data[j + 1] === 0x45 &&
            data[j + 2] === 0x49 &&
            (j + 3 >= n || isWhite(data[j + 3]!))
          ) {
            end = j + 3;
            break;
          }
        }
        if (end < 0) return { operators, names, unreadable: true };
        operators.add('EI');
        i = end;
      }
    }
  }
  return { operators, names, unreadable: false };
}
