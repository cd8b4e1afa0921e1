import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: { rollupOptions: { input: { index: resolve('electron/main/index.ts') } } },
  },
  preload: {
    // Sandboxed preloads cannot load ES modules or node_modules: one CommonJS bundle.
    build: {
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified by default; the same bundle is also served
      // to browsers by `npm run web`, so minify JS and CSS. Sourcemaps stay out of the package.
      minify: true,
      cssMinify: true,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
