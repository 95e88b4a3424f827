// The words of "where should I go?" (the trip planner and /list from a start), in Russian and English: kept
// apart from messages.ts so that the live page's first script does not carry them (the planner comes when opened).
import type { Language } from './languages';
import { plural } from './plural';

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

const ru = {
  trip: {
    title: 'Куда ехать',
    searchLabel: 'Откуда вы едете: город или посёлок',
    placeholder: 'например, Волгоград',
    privateNote: 'Поиск и расчёт идут на этом телефоне: место, откуда вы едете, никуда не отправляется.',
    useLocation: 'Где я сейчас',
    locationFailed: 'Браузер не дал местоположение.',
    here: 'Где я сейчас',
    pickOnMap: 'Выбрать точку на карте',
    from: (name: string) => `Откуда: ${name}`,
    change: 'Изменить',
    openToAllOnly: 'Только пункты, открытые для всех',
    ranked: (direction: string, mode: string) => `Пункты по времени в пути и очереди — ${lowerFirst(direction)}, ${lowerFirst(mode)}`,
    total: (time: string) => `≈ ${time} в пути и очереди`,
    drive: (km: string, time: string) => `${km} км, ${time} за рулём (прибл.)`,
    driveMethod: 'Дорога — примерно: по прямой × 1,3, в среднем 70 км/ч. Итог — дорога плюс очередь.',
    driveRouted: (km: string, time: string) => `${km} км, ${time} за рулём`,
    waitPart: 'очередь',
    hoursCounted: (open: string, close: string, zone: string) => `итог с учётом часов работы пункта: ${open}–${close} ${zone}`,
    aboutEqual: 'примерно так же, как пункт выше',
    noWait: 'об очереди нет свежих данных',
    nearerUnreported: (count: number, name: string, time: string) =>
      count === 1
        ? `Пункт без свежих сообщений об очереди может оказаться быстрее: ${name}, ${time} за рулём — одна дорога туда короче, чем дорога и очередь у первого в списке.`
        : `${count} ${plural(count, ['пункт', 'пункта', 'пунктов'])} без свежих сообщений об очереди ${plural(count, ['может', 'могут', 'могут'])} оказаться быстрее: одна дорога туда короче, чем дорога и очередь у первого в списке. Ближайший — ${name}, ${time} за рулём.`,
    oldWait: (wait: string, ago: string) => `очередь ${wait} — ${ago}, данные старые`,
    closed: 'закрыт',
    access: {
      bilateral: 'Двусторонний пункт: пропускают только граждан России и соседней страны.',
      restricted: 'Ограниченный доступ: пропускают не всех.',
    },
    none: 'Ничего не найдено. Попробуйте иначе: «Волгоград», «Volgograd».',
    didYouMean: 'Точно такого нет. Может быть, вы имели в виду:',
    loading: 'Загрузка списка городов…',
    failed: 'Не удалось загрузить список городов. Проверьте связь.',
    attribution: 'Города: GeoNames, CC BY 4.0',
  },
  listOrder: {
    sortLabel: 'Порядок',
    sorts: { name: 'по названию', wait: 'по ожиданию', distance: 'по расстоянию', total: 'по дороге и очереди' },
    fromLabel: 'Откуда едете',
    fromPlaceholder: 'город, например Волгоград',
    from: (name: string) => `Дорога считается от: ${name}`,
    fromNotFound: (query: string) => `Место «${query}» не найдено: порядок без дороги.`,
    fromGuessed: (query: string, name: string) => `Места «${query}» нет; дорога считается от похожего: ${name}. Если не то, напишите иначе.`,
    needsFrom: 'Чтобы упорядочить по дороге, укажите, откуда едете.',
    privateNote: 'Адрес этой страницы с вашим городом не сохраняется ни в кэше, ни в журналах сервера.',
  },
};

export type TripMessages = typeof ru;

const en: TripMessages = {
  trip: {
    title: 'Where to go',
    searchLabel: 'Where you leave from: a town or village',
    placeholder: 'e.g. Volgograd',
    privateNote: 'The search and the ranking run on this phone: where you leave from is sent nowhere.',
    useLocation: 'Where I am now',
    locationFailed: 'The browser gave no location.',
    here: 'Where I am now',
    pickOnMap: 'Pick a point on the map',
    from: (name) => `From: ${name}`,
    change: 'Change',
    openToAllOnly: 'Only crossings open to everyone',
    ranked: (direction, mode) => `Crossings by drive and wait: ${lowerFirst(direction)}, ${lowerFirst(mode)}`,
    total: (time) => `≈ ${time} of driving and queueing`,
    drive: (km, time) => `${km} km, ${time} at the wheel (approx.)`,
    driveMethod: 'The drive is approximate: the straight line × 1.3 at 70 km/h on average. The total is the drive plus the queue.',
    driveRouted: (km, time) => `${km} km, ${time} at the wheel`,
    waitPart: 'queue',
    hoursCounted: (open, close, zone) => `the total counts the crossing's hours: ${open}–${close} ${zone}`,
    aboutEqual: 'about the same as the one above',
    noWait: 'no recent data on the queue',
    nearerUnreported: (count, name, time) =>
      count === 1
        ? `A crossing with no recent reports of its queue may be quicker: ${name}, ${time} at the wheel, less than the drive and queue of the first in the list.`
        : `${count} crossings with no recent reports of their queues may be quicker: the drive alone is shorter than the drive and queue of the first in the list. The nearest is ${name}, ${time} at the wheel.`,
    oldWait: (wait, ago) => `queue ${wait}, ${ago}: old data`,
    closed: 'closed',
    access: {
      bilateral: 'Bilateral crossing: only citizens of Russia and the neighbouring country may cross.',
      restricted: 'Restricted: not everyone may cross.',
    },
    none: 'Nothing found. Try another spelling: "Volgograd", "Волгоград".',
    didYouMean: 'Nothing by that name. Did you mean:',
    loading: 'Loading the list of towns…',
    failed: 'Could not load the list of towns. Check the connection.',
    attribution: 'Towns: GeoNames, CC BY 4.0',
  },
  listOrder: {
    sortLabel: 'Order',
    sorts: { name: 'by name', wait: 'by wait', distance: 'by distance', total: 'by drive and wait' },
    fromLabel: 'Leaving from',
    fromPlaceholder: 'a town, e.g. Volgograd',
    from: (name) => `Drives are from: ${name}`,
    fromNotFound: (query) => `No place "${query}" found: ordered without drives.`,
    fromGuessed: (query, name) => `No place "${query}"; drives are from the closest name: ${name}. If that is wrong, spell it another way.`,
    needsFrom: 'To order by the drive, say where you leave from.',
    privateNote: 'This page\'s address with your town is kept neither in a cache nor in the server\'s logs.',
  },
};

export const TRIP_MESSAGES: Record<Language, TripMessages> = { ru, en };
