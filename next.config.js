// @ts-check

/**
 * Security headers on every response (pages, static files, API). Pages: a Content-Security-Policy
 * that allows only this origin — scripts and styles may be inline because the Next.js App Router
 * inlines its bootstrap scripts and Plotly sets inline styles (a nonce-based policy would force
 * every page to render per request); no eval in production. API responses (JSON, never rendered):
 * a policy that allows nothing. Framing is forbidden everywhere (frame-ancestors 'none').
 */
const isDev = process.env.NODE_ENV === 'development';

const pagePolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const apiPolicy = ["default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');

const commonHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Separate build folders let several builds coexist (NEXT_DIST_DIR); the default is .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native bindings and large model runtimes stay outside the server bundle.
  serverExternalPackages: ['onnxruntime-node', '@huggingface/transformers', 'sharp', 'better-sqlite3', 'pg'],
  // The build type-checks the application only; `npm run typecheck` checks the tests too.
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  async headers() {
    return [
      // When several rules set the same header, the last matching rule wins: the API rule comes last.
      { source: '/:path*', headers: [...commonHeaders, { key: 'Content-Security-Policy', value: pagePolicy }] },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: apiPolicy }] },
    ];
  },
};

module.exports = nextConfig;
