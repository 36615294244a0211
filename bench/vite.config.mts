import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The bench is TypeScript importing the services' sources directly. Vite (already a dependency)
// bundles it for Node in SSR mode, which leaves node_modules external like the app's own build, so
// the native better-sqlite3 and pdf.js load exactly as they do in the app; no new runner needed.
export default defineConfig({
  build: {
    ssr: resolve(import.meta.dirname, 'main.ts'),
    outDir: resolve(import.meta.dirname, '..', 'out', 'bench'),
    emptyOutDir: true,
    target: 'node20',
    // readable stacks and --cpu-prof profiles matter more here than bundle size
    minify: false,
    sourcemap: true,
    rolldownOptions: { output: { format: 'es', entryFileNames: 'bench.mjs' } },
  },
  logLevel: 'warn',
});
