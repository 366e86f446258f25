import path from 'node:path';
import { defineConfig } from 'vite';

// The staff console, served by the gateway at /console from dist/console. JSX is compiled by
// Vite's own Oxc transform (automatic runtime): a production build needs no React plugin.
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: path.resolve(import.meta.dirname, '..', 'dist', 'console'),
    emptyOutDir: true,
    // No inline scripts or data: modules, so the gateway's CSP (script-src 'self') holds.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
