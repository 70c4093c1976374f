// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native bindings and large model runtimes stay outside the server bundle.
  serverExternalPackages: ['onnxruntime-node', '@huggingface/transformers', 'sharp'],
};

module.exports = nextConfig;
