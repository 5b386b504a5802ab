import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the Rust server runs separately; Vite forwards API, Socket.IO and
// collaboration traffic to it so the app can use same-origin URLs everywhere.
const serverUrl = process.env.FLUXSTUDIO_SERVER_URL ?? 'http://127.0.0.1:3001';

const entry = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  // The server serves api-docs.html at /api/docs, so asset URLs must be absolute.
  base: '/',
  plugins: [react()],
  build: {
    // Swagger UI arrives as one pre-minified ~1.5 MB bundle that only /api/docs loads;
    // the app's own chunks stay far below this.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      input: {
        app: entry('./index.html'),
        apiDocs: entry('./api-docs.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: serverUrl, ws: true },
      '/socket.io': { target: serverUrl, ws: true },
      '/collab': { target: serverUrl, ws: true },
    },
  },
});
