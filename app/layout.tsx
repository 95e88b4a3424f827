import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: 'Kordon — очереди на границе · border queues',
  description:
    'Live queues at the land border crossings out of Russia, reported by the people in them. ' +
    'Очереди на сухопутных пунктах пропуска из России — по сообщениям тех, кто в них стоит.',
  icons: { icon: '/favicon.svg' },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="ru">
      <body>{children}</body>
    </html>
  );
}
