import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The web app compiles common's sources directly: one set of schemas, no build step between.
    alias: { '@dangvu/common': fileURLToPath(new URL('../common/src/index.ts', import.meta.url)) },
  },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    sourcemap: false,
    manifest: true,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      output: {
        // Heavy widgets get chunks of their own, so a screen that does not use them (login)
        // never downloads them because automatic splitting merged them with something it needs.
        codeSplitting: {
          groups: [
            { name: 'charts', test: /node_modules[\\/](echarts|zrender)/ },
          ],
        },
      },
    },
  },
});
