import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** Dense and calm: 13px body text, compact controls, system fonts (the CSP allows no font CDN). */
export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  focusRing: 'auto',
  fontFamily:
    'Inter, "Segoe UI Variable Text", "Segoe UI", system-ui, -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SF Mono", "Cascadia Mono", Menlo, Consolas, monospace',
  headings: { fontWeight: '600' },
  fontSizes: {
    xs: '0.6875rem', // 11px
    sm: '0.75rem', // 12px
    md: '0.8125rem', // 13px
    lg: '0.9375rem', // 15px
    xl: '1.125rem', // 18px
  },
  spacing: {
    xs: '0.375rem',
    sm: '0.5rem',
    md: '0.75rem',
    lg: '1rem',
    xl: '1.5rem',
  },
  lineHeights: { xs: '1.35', sm: '1.4', md: '1.45', lg: '1.5', xl: '1.55' },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    PasswordInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'xs', allowDeselect: false, checkIconPosition: 'right' } },
    SegmentedControl: { defaultProps: { size: 'xs' } },
    Badge: { defaultProps: { size: 'xs', radius: 'sm', tt: 'none', fw: 600 } },
    Tooltip: { defaultProps: { openDelay: 400, withArrow: true, fz: 'xs' } },
    Text: { defaultProps: { size: 'md' } },
    Modal: {
      defaultProps: { radius: 'md', overlayProps: { backgroundOpacity: 0.45 } },
      styles: { title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } },
    },
  },
});

/**
 * Secondary text at WCAG AA (4.5:1) on every surface it sits on, the highlighted inbox row included; Mantine's
 * defaults read 2.6–4.3:1 there (dimmed grey, orange and red text, links, light teal badges). `e2e/contrast.spec.ts` checks every visible text in both schemes.
 */
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    '--mantine-color-anchor': t.colors.indigo[8],
    // Waiting-time warnings and the light teal badges and buttons ("Fulfilled", "Resolve").
    '--mantine-color-orange-text': '#b33d00',
    '--mantine-color-red-text': t.colors.red[9],
    '--mantine-color-teal-light': t.colors.teal[0],
  },
  dark: { '--mantine-color-dimmed': t.colors.dark[1] },
});
