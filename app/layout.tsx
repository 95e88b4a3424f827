import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { ServiceWorkerRegistration } from '../components/ServiceWorkerRegistration';
import './globals.css';
import { requestLanguage } from './request-language';
import { THEME_COLOURS } from '../lib/ui/theme';

export const metadata: Metadata = {
  title: 'Кордон — очереди на границе · Kordon — border queues',
  description:
    'Live queues at the land border crossings out of Russia, reported by the people in them. ' +
    'Очереди на сухопутных пунктах пропуска из России — по сообщениям тех, кто в них стоит.',
  icons: { icon: '/favicon.svg', apple: '/icons/apple-touch-icon.png' },
  // The app on a phone's home screen (app/manifest.ts), in its own window.
  appleWebApp: { capable: true, title: 'Кордон', statusBarStyle: 'default' },
};

// The bar's colour for the browser's own (app/base.css: --bar, light and dark); `colorScheme` tells the browser before
// the style sheet arrives, so a dark phone does not flash white.
export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  themeColor: THEME_COLOURS,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={await requestLanguage()}>
      <body>
        {children}
        <ServiceWorkerRegistration />
      </body>
    </html>
  );
}
