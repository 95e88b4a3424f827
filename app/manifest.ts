import type { MetadataRoute } from 'next';
import { BAR_COLOURS } from '../lib/ui/theme';

// What makes Kordon installable: opened from the home screen it starts on the
// map in its own window, and the service worker (lib/offline) opens it offline.
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: 'Кордон · Kordon',
    short_name: 'Кордон',
    description: 'Очереди на сухопутных границах России по сообщениям тех, кто в них стоит · Border queues out of Russia, reported by the people in them',
    lang: 'ru',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    background_color: '#ffffff',
    theme_color: BAR_COLOURS.light,
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
