import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The app is served by the clearinghouse server (apps/server) from dist/; `npm run dev -w apps/web` proxies the API
// to a server started with `npm start` on port 3000.
export default defineConfig({
  plugins: [react()],
  base: "/",
  build: { outDir: "dist", sourcemap: true, chunkSizeWarningLimit: 600 },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
