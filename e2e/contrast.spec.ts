import { expect, test, type Page } from '@playwright/test';
import { startWebApp, type WebApp } from './fixtures/web-app';
import { AppPage } from './pages/app-page';

// WCAG 2.1 AA: text needs a contrast ratio of at least 4.5:1 against what is behind it. This reads every
// visible text on the inbox, a conversation and the customer panel, as Chromium draws them, in both schemes.
const AA = 4.5;
const REP = { email: 'rep01@northwind.example', password: 'caredesk-demo' };

let app: WebApp;

test.beforeAll(async () => {
  app = await startWebApp();
});

test.afterAll(async () => {
  await app?.stop();
});

interface LowContrast {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/** Every visible text element whose colour, over the backgrounds it sits on, is below `min`. */
async function lowContrastTexts(page: Page, min: number): Promise<LowContrast[]> {
  return page.evaluate((min) => {
    // This runs in Chromium; the node project has no DOM types, so the few used are named here.
    interface Style {
      color: string;
      backgroundColor: string;
      visibility: string;
      opacity: string;
    }
    interface Element {
      parentElement: Element | null;
      getBoundingClientRect(): { width: number; height: number };
      closest(selector: string): Element | null;
    }
    interface Dom {
      document: { body: Element; createTreeWalker(root: Element, show: number): { nextNode(): Text | null } };
      getComputedStyle: (el: Element) => Style;
    }
    interface Text {
      parentElement: Element | null;
      textContent: string | null;
    }
    const SHOW_TEXT = 4; // NodeFilter.SHOW_TEXT
    const { document, getComputedStyle } = globalThis as unknown as Dom;
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const n = css.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, n[3] ?? 1];
    };
    const over = (top: Rgba, below: Rgba): Rgba => {
      const a = top[3];
      return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a), 1];
    };
    const luminance = ([r, g, b]: Rgba): number => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const backgroundOf = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let node: Element | null = el; node; node = node.parentElement) {
        const bg = parse(getComputedStyle(node).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let result: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const found: { text: string; ratio: number; color: string; background: string }[] = [];
    const walker = document.createTreeWalker(document.body, SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || seen.has(el) || (node.textContent ?? '').trim() === '') continue;
      seen.add(el);
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      if (style.visibility !== 'visible' || Number(style.opacity) === 0 || box.width === 0 || box.height === 0)
        continue;
      if (el.closest('[aria-hidden="true"], [disabled], [data-disabled]')) continue; // WCAG exempts inactive controls
      const background = backgroundOf(el);
      const color = over(parse(style.color), background);
      const [hi, lo] = [luminance(color), luminance(background)].sort((a, b) => b - a) as [number, number];
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < min)
        found.push({
          text: (node.textContent ?? '').trim().slice(0, 40),
          ratio: Math.round(ratio * 100) / 100,
          color: style.color,
          background: `rgb(${background.slice(0, 3).map(Math.round).join(', ')})`,
        });
    }
    return found;
  }, min);
}

test('every text meets WCAG AA contrast, in the light and the dark scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(app.url);
  const ui = new AppPage(page);
  await ui.signIn(REP.email, REP.password);
  await expect(ui.inboxRows.first()).toBeVisible();
  // Colours are read when drawn, not halfway through a transition from the other scheme.
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
  await ui.inboxRows.first().click();
  await expect(page.getByTestId('customer-panel').getByRole('heading').first()).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', scheme);
    expect({ scheme, low: await lowContrastTexts(page, AA) }).toEqual({ scheme, low: [] });
  }
});
