import type { Page } from 'playwright-core';

/**
 * What a Vietnamese screen must not show: English words the extension used to leak (report lines,
 * hints, suffixes) and the raw NĐ 30 field tags and signature field names. Only visible text counts
 * (innerText): a raw line behind a closed "Chi tiết" is allowed.
 */
export const ENGLISH =
  /\b(the|and|with|of|is|not|signature|signed|revision|overlap|page|certificate|error|failed|invalid|valid|filled|appendi(?:x|ces)|technical|details|document|warning|changed|unknown|tries|token locked)\b/i;
const RAW_TAGS =
  /\b(ArrivalNumber|ArrivalDate|IssuedDate|CodeNumber|CodeNotation|Subject|SignerInfo|OrganName|PromulgationInfo|DocumentType|PriorityCode|CaNhan|CoQuan|TOTAL_PASSED|TOTAL_FAILED|INDETERMINATE|digitalSignature|nonRepudiation|keyCertSign|cRLSign)\b/;

export interface ScreenProblems {
  readonly english: string[];
  readonly tags: string[];
  readonly overflow: boolean;
  readonly wrappedTabs: string[];
}

/** English words, raw tags, horizontal overflow, and tabs broken over two lines or cut off by the bar, on the page as shown. */
export async function screenProblems(page: Page): Promise<ScreenProblems> {
  const { text, overflow, wrappedTabs } = await page.evaluate(() => {
    const root = document.documentElement;
    const tabs = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].filter((t) => t.offsetParent);
    // A tab bar broken over two lines: its tabs do not share one top.
    const top = (t: HTMLElement) => Math.round(t.getBoundingClientRect().top);
    const wrappedBar = (t: HTMLElement) =>
      [...(t.parentElement?.querySelectorAll<HTMLElement>(':scope > [role="tab"]') ?? [])].some(
        (other) => top(other) !== top(t),
      );
    // A tab the bar cuts off (a scrolling bar hides it): its box reaches past the bar's own.
    const cutOff = (t: HTMLElement) => {
      const bar = t.parentElement?.getBoundingClientRect();
      const box = t.getBoundingClientRect();
      return bar !== undefined && (box.right > bar.right + 1 || box.left < bar.left - 1);
    };
    const lineHeight = (t: HTMLElement) => Number.parseFloat(getComputedStyle(t).lineHeight) || 18;
    return {
      // biome-ignore lint/performance/useDomNodeTextContent: only rendered text counts (a closed "Chi tiết" does not)
      text: document.body.innerText,
      overflow: root.scrollWidth > root.clientWidth + 1,
      wrappedTabs: tabs
        .filter(
          (t) => t.getBoundingClientRect().height > lineHeight(t) * 1.5 + 14 || wrappedBar(t) || cutOff(t),
        )
        .map((t) => t.textContent ?? ''),
    };
  });
  const lines = text.split('\n');
  return {
    english: lines.filter((l) => ENGLISH.test(l)),
    tags: lines.filter((l) => RAW_TAGS.test(l)),
    overflow,
    wrappedTabs,
  };
}

/** Screenshots `page` at 1366×768 and 1024×768 into `dir`, returning the problems seen at each width. */
export async function shootAtWidths(
  page: Page,
  dir: string,
  name: string,
  widths: readonly number[] = [1366, 1024],
): Promise<Record<number, ScreenProblems>> {
  const out: Record<number, ScreenProblems> = {};
  for (const width of widths) {
    await page.setViewportSize({ width, height: 768 });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${dir}/${name}-${width}.png` });
    out[width] = await screenProblems(page);
  }
  return out;
}
