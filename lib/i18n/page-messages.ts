// Words the live page's first script never shows, in Russian and English: the pages served apart from it (erasing
// Kordon, an unknown address) and the parts of the checkpoint panel that come with it later. Kept out of messages.ts
// so that the first load of / does not carry them.
import type { CoordinateQuality } from '../enums';
import type { Language } from './languages';

const ru = {
  erase: {
    title: 'Стереть Кордон с этого телефона?',
    what: 'Будут удалены: избранное и уведомления, ещё не отправленные сообщения, ключ этого устройства, сохранённая копия оценок и страниц, cookie, кэш Кордона и его сервис-воркер.',
    unsent: 'Неотправленные сообщения пропадут. Это нельзя отменить.',
    history: 'Историю браузера Кордон стереть не может: её можно очистить в настройках браузера.',
    confirm: 'Стереть',
    cancel: 'Отмена',
    doneTitle: 'Кордон стёрт с этого телефона',
    done: 'Избранное, неотправленные сообщения, ключ устройства, сохранённая копия, cookie, кэш и сервис-воркер Кордона удалены.',
    reopen: 'Открыть Кордон заново',
    doneOffline: 'Избранное, неотправленные сообщения, ключ устройства, сохранённая копия, кэш и сервис-воркер Кордона удалены. Телефон сейчас без связи: если вы отправляли сообщения без JavaScript, откройте эту страницу ещё раз в сети, чтобы стереть и cookie с ключом. Если были включены уведомления, телефон от них отписан, а их подписку на сервере эта страница удалит, как только появится связь (или любая страница Кордона, открытая со связью).',
  },
  share: { button: 'Поделиться', copied: 'Ссылка скопирована' },
  positionLabel: 'Точка на карте',
  position: {
    checkpoint: 'сам пункт пропуска',
    'road-crossing': 'где дорога пересекает границу; пункт обычно в 1–3 км от неё',
    settlement: 'центр посёлка, давшего имя пункту: положение приблизительное, ±10 км',
    approximate: 'положение приблизительное, ±30 км (см. справку ниже)',
  } satisfies Record<CoordinateQuality, string>,
  notFound: { title: 'Такой страницы нет', didYouMean: 'Может быть, вы искали:', home: 'На главную', list: 'Все пункты списком' },
  unavailable: {
    title: 'Кордон ненадолго недоступен',
    text: 'Кордон сейчас не может прочитать данные об очередях. Обычно это проходит за минуту-другую: страница обновится сама через полминуты.',
    retry: 'Обновить сейчас',
    reportNotSaved: 'Ваше сообщение не сохранено. Когда страница откроется, то, что вы ввели, будет в форме: отправьте его ещё раз.',
  },
};

export type PageMessages = typeof ru;

const en: PageMessages = {
  erase: {
    title: 'Erase Kordon from this phone?',
    what: 'This deletes: watched crossings and alerts, reports not yet sent, this device\'s key, the saved copy of estimates and pages, cookies, Kordon\'s cache and its service worker.',
    unsent: 'Reports not yet sent will be lost. This cannot be undone.',
    history: 'Kordon cannot erase the browser\'s history: clear it in the browser\'s settings.',
    confirm: 'Erase',
    cancel: 'Cancel',
    doneTitle: 'Kordon is erased from this phone',
    done: 'Watched crossings, unsent reports, the device key, the saved copy, cookies, Kordon\'s cache and its service worker are deleted.',
    reopen: 'Open Kordon again',
    doneOffline: 'Watched crossings, unsent reports, the device key, the saved copy, Kordon\'s cache and its service worker are deleted. The phone is offline: if you ever sent a report without JavaScript, open this page again when online to erase that cookie too. If notifications were on, the phone is unsubscribed, and this page deletes their subscription on the server as soon as there is a connection (so does any page of Kordon opened online).',
  },
  share: { button: 'Share', copied: 'Link copied' },
  positionLabel: 'Position on the map',
  position: {
    checkpoint: 'the checkpoint itself',
    'road-crossing': 'where the road crosses the border; the post is usually 1–3 km from it',
    settlement: 'the centre of the village it is named after: approximate, ±10 km',
    approximate: 'approximate, ±30 km (see the note below)',
  },
  notFound: { title: 'There is no such page', didYouMean: 'Perhaps you were looking for:', home: 'Home', list: 'Every crossing as a list' },
  unavailable: {
    title: 'Kordon is briefly unavailable',
    text: 'Kordon cannot read the queue data right now. This usually passes within a minute or two: the page reloads by itself in half a minute.',
    retry: 'Reload now',
    reportNotSaved: 'Your report was not saved. When the page opens, what you entered will be in the form: send it again.',
  },
};

export const PAGE_MESSAGES: Record<Language, PageMessages> = { ru, en };
