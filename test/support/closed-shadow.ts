import type { CDPSession, Page } from 'playwright-core';

/**
 * The extension's buttons and badges live in closed shadow roots that page scripts (and Playwright
 * selectors) cannot enter; the DevTools protocol can (DOM.getDocument with pierce), which is how the
 * browser tests read a badge and click a button like a user would.
 */
export interface ShadowItem {
  readonly tag: string;
  readonly text: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly nodeId: number;
}

interface CdpNode {
  nodeId: number;
  nodeType: number;
  localName?: string;
  nodeValue?: string;
  attributes?: string[];
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

const textOf = (n: CdpNode): string =>
  n.nodeType === 3 ? (n.nodeValue ?? '') : (n.children ?? []).map(textOf).join('');

function attrs(n: CdpNode): Record<string, string> {
  const out: Record<string, string> = {};
  const a = n.attributes ?? [];
  for (let i = 0; i + 1 < a.length; i += 2) out[a[i] as string] = a[i + 1] as string;
  return out;
}

async function session(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

/** How long one DevTools call may take: they have no timeout of their own, and a hung one hung a test. */
const CDP_CALL_MS = 15_000;

/** Ends a DevTools session; one already ended (by `bounded`, or the page closing) is fine. */
async function detach(cdp: CDPSession): Promise<void> {
  await bounded(cdp, 'detach', cdp.detach()).catch(() => {});
}

/** A DevTools call bounded by CDP_CALL_MS; a call that does not answer fails, naming the method. */
async function bounded<T>(cdp: CDPSession, method: string, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void cdp.detach().catch(() => {});
      reject(new Error(`DevTools ${method} did not answer within ${CDP_CALL_MS} ms`));
    }, CDP_CALL_MS);
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** The items (checkbox, menu items, badge, menu button) of every <vanthu-actions> host, in document order. */
export async function actionHosts(page: Page): Promise<{ cdp: CDPSession; hosts: ShadowItem[][] }> {
  const cdp = await session(page);
  const { root } = (await bounded(
    cdp,
    'DOM.getDocument',
    cdp.send('DOM.getDocument', { depth: -1, pierce: true }),
  ).catch(async (error: unknown) => {
    await detach(cdp);
    throw error;
  })) as { root: CdpNode };
  const hosts: ShadowItem[][] = [];
  const walk = (n: CdpNode) => {
    if (n.localName === 'vanthu-actions') {
      const shadow = n.shadowRoots?.[0];
      // The flows sit in the row's menu (a popover element): its items count as the host's items.
      const elements = (shadow?.children ?? [])
        .filter((c) => c.nodeType === 1)
        .flatMap((c) => ('popover' in attrs(c) ? (c.children ?? []).filter((i) => i.nodeType === 1) : [c]));
      hosts.push(
        elements.map((c) => ({
          tag: c.localName ?? '',
          text: textOf(c),
          attributes: attrs(c),
          nodeId: c.nodeId,
        })),
      );
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return { cdp, hosts };
}

/** Waits until some host holds an item matching `match` and returns it. */
export async function waitForItem(
  page: Page,
  match: (item: ShadowItem) => boolean,
  timeoutMs = 30_000,
): Promise<ShadowItem> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let hosts: ShadowItem[][] = [];
    try {
      const read = await actionHosts(page);
      hosts = read.hosts;
      await detach(read.cdp);
    } catch (error) {
      // A DevTools call that hung (a frame navigating, say) is asked again until the deadline.
      if (Date.now() > deadline) throw error;
    }
    const found = hosts.flat().find(match);
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`no shadow item matched within ${timeoutMs} ms: ${JSON.stringify(hosts)}`);
    await page.waitForTimeout(250);
  }
}

/** How long the row's menu may take to open after its button was clicked (a loaded machine). */
const MENU_OPEN_MS = 3_000;

/**
 * A real (trusted) mouse click in the middle of the first item matching `match`. An item of the row's
 * closed menu is clicked after opening the menu; when the extension refuses the menu button's click
 * (a covered or transparent host), the menu stays closed and the click ends there, as a user's would:
 * the menu button is clicked once, never again (a refused click re-pins the host, and a second click
 * would test the repaired host instead).
 */
export async function clickItem(page: Page, match: (item: ShadowItem) => boolean): Promise<boolean> {
  let menuClickedAt: number | undefined;
  // Badges fill in asynchronously and move the buttons beside them: click only once the item's box
  // has stayed put, or the click lands on whatever moved there.
  for (let attempt = 0; ; attempt++) {
    const { cdp, hosts } = await actionHosts(page);
    try {
      const host = hosts.find((h) => h.some(match));
      const item = host?.find(match);
      if (!host || !item) throw new Error(`no shadow item to click: ${JSON.stringify(hosts)}`);
      // A flow is an item of the row's closed "vanthu" menu: open the menu first, as a user would.
      const toggle = host.find((i) => i.attributes['aria-haspopup'] === 'menu');
      const target = 'hidden' in item.attributes && toggle ? toggle : item;
      if (target === toggle && menuClickedAt !== undefined) {
        if (Date.now() - menuClickedAt > MENU_OPEN_MS) return false;
        await page.waitForTimeout(250);
        continue;
      }
      const box = async () => {
        const { model } = (await bounded(
          cdp,
          'DOM.getBoxModel',
          cdp.send('DOM.getBoxModel', { nodeId: target.nodeId }),
        )) as { model: { content: number[] } };
        return model.content;
      };
      const before = await box();
      await page.waitForTimeout(150);
      const now = await box();
      if (attempt < 20 && now.join() !== before.join()) continue;
      const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = now;
      // Input events wait for the renderer to take them: bounded, so a busy page fails by name.
      await bounded(cdp, 'mouse click', page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2));
      if (target === item) return true;
      menuClickedAt = Date.now();
    } finally {
      await detach(cdp);
    }
  }
}
