// The words of Web Push: the watch list's switch and the notifications the service worker shows. Apart from
// page-messages.ts so that the watch list's chunk and the worker carry only these.
import type { Language } from './languages';

const ru = {
  heading: 'Уведомления, когда Кордон закрыт',
  explain: 'Придут и на заблокированный телефон: когда ожидание станет меньше выбранного порога, и когда пункт закроют или откроют.',
  privacy: 'Их доставляет служба уведомлений вашего браузера (Google, Mozilla, Apple): она видит, что уведомление пришло, но не какой пункт и что в нём.',
  enable: 'Включить уведомления',
  disable: 'Выключить уведомления',
  on: 'Уведомления включены для всех пунктов в избранном.',
  denied: 'Браузер запретил уведомления: разрешите их в настройках сайта.',
  unsupported: 'Этот браузер не умеет присылать уведомления, когда страница закрыта.',
  failed: 'Не получилось включить уведомления. Попробуйте позже.',
  unsent: 'Последние изменения ещё не дошли до сервера: отправим сами, как только будет связь. До тех пор уведомления приходят по прежнему списку.',
  refused: 'Сервер не принял последние изменения избранного, и уведомления приходят по прежнему списку. Измените список, и он будет отправлен снова.',
  closed: (name: string) => `${name}: пункт закрыт`,
  restricted: (name: string) => `${name}: проезд ограничен`,
  open: (name: string) => `${name}: пункт снова открыт`,
  below: (name: string) => `${name}: ожидание меньше порога`,
  now: (where: string, wait: string) => `${where}: сейчас ≈ ${wait}`,
};

const en: typeof ru = {
  heading: 'Notifications while Kordon is closed',
  explain: 'They reach a locked phone too: when the wait drops below the threshold you chose, and when a crossing closes or opens.',
  privacy: 'Your browser’s push service (Google, Mozilla, Apple) delivers them: it sees that one arrived, not which crossing or what it says.',
  enable: 'Turn notifications on',
  disable: 'Turn notifications off',
  on: 'Notifications are on for every watched crossing.',
  denied: 'The browser blocked notifications: allow them in the site’s settings.',
  unsupported: 'This browser cannot notify while the page is closed.',
  failed: 'Could not turn notifications on. Try again later.',
  unsent: 'Your latest changes have not reached the server yet: they will be sent by themselves once there is a connection. Until then notifications follow the list as it was.',
  refused: 'The server did not take your latest changes, and notifications follow the list as it was. Change the list and it will be sent again.',
  closed: (name) => `${name}: closed`,
  restricted: (name) => `${name}: restricted`,
  open: (name) => `${name}: open again`,
  below: (name) => `${name}: the wait is below your threshold`,
  now: (where, wait) => `${where}: now ≈ ${wait}`,
};

export const PUSH_MESSAGES: Record<Language, typeof ru> = { ru, en };
