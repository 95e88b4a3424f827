import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Browsers ask for /favicon.ico when they find no icon in the head (a page read without scripts gets its
  // metadata streamed into the body): answer with the same icon rather than a 404.
  async rewrites() {
    return [{ source: '/favicon.ico', destination: '/favicon.svg' }];
  },
};

export default nextConfig;
