import { defineConfig } from 'vite';

// The frontend is embedded into the app binary (tauri.conf.json `frontendDist`).
export default defineConfig({
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  clearScreen: false,
});
