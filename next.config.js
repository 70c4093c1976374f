// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Separate build folders let several builds coexist (NEXT_DIST_DIR); the default is .next.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // Native bindings and large model runtimes stay outside the server bundle.
  serverExternalPackages: ['onnxruntime-node', '@huggingface/transformers', 'sharp'],
};

module.exports = nextConfig;
