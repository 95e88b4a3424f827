import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { ServiceWorkerRegistration } from '../components/ServiceWorkerRegistration';
import './globals.css';
import { requestLanguage } from './request-language';

export const metadata: Metadata = {
  title: 'Кордон — очереди на границе · Kordon — border queues',
  description:
    'Live queues at the land border crossings out of Russia, reported by the people in them. ' +
    'Очереди на сухопутных пунктах пропуска из России — по сообщениям тех, кто в них стоит.',
  icons: { icon: '/favicon.svg', apple: '/icons/apple-touch-icon.png' },
  // The app on a phone's home screen (app/manifest.ts), in its own window.
  appleWebApp: { capable: true, title: 'Кордон', statusBarStyle: 'default' },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b3d6e' };

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
