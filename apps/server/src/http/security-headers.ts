/**
 * Security headers on every answer, pages, API answers (JSON, the HTML table of outputFormat=html, downloads) and
 * the API reference at /api/docs alike, by @fastify/helmet: a Content-Security-Policy, X-Content-Type-Options:
 * nosniff, a referrer policy and the rest of helmet's defaults. Other sites may still read the public API (CORS)
 * and link its files: the resource policy is cross-origin.
 */

import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/**
 * Scripts and styles only from this site; inline style attributes are allowed because charts (SVG) and the API
 * reference's components carry them; images also as data: and blob: URLs (charts, map and table downloads).
 */
export const CONTENT_SECURITY_POLICY = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  "img-src": ["'self'", "data:", "blob:"],
  "connect-src": ["'self'"],
  "font-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "frame-ancestors": ["'none'"],
  "form-action": ["'self'"],
};

export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginResourcePolicy: { policy: "cross-origin" },
  });
}
