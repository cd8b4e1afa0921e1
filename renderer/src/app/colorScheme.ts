/**
 * Mantine applies the colour scheme after the first render, and the CSP forbids its inline
 * ColorSchemeScript: set the attribute before React starts so a dark-mode rep sees no white flash.
 * Mirrors Mantine's localStorage manager (key `mantine-color-scheme-value`, 'auto' follows the OS).
 */
export function applyInitialColorScheme(): void {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem('mantine-color-scheme-value');
  } catch {
    // Storage can be unavailable; follow the OS.
  }
  const scheme =
    stored === 'light' || stored === 'dark'
      ? stored
      : window.matchMedia('(prefers-color-scheme: dark)').matches
        ? 'dark'
        : 'light';
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
}
