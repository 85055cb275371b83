import { defineConfig } from 'vite';

// A static site: every module bundled, nothing loaded from a CDN; relative asset paths so it works at any base.
export default defineConfig({
  base: './',
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
