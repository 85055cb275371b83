import { defineConfig } from 'vite';

// A static site: every module bundled, nothing loaded from a CDN; relative asset paths so it works at any base.
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    // two pages: the console (Preact) and GraphiQL (React, graphiql 3), each with its own bundle
    rollupOptions: {
      input: { main: 'index.html', graphiql: 'graphiql.html' },
      // graphiql's React components carry "use client" directives, meaningless in a static bundle
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
