// Region names in Russian. The catalogue records regions in English only; the
// Russian interface must not fall back to English for them.
import type { Language } from './languages';

const RU: Record<string, string> = {
  'Altai Krai': 'Алтайский край',
  'Altai Republic': 'Республика Алтай',
  'Astrakhan Oblast': 'Астраханская область',
  'Chelyabinsk Oblast': 'Челябинская область',
  'Kurgan Oblast': 'Курганская область',
  'Leningrad Oblast': 'Ленинградская область',
  'Murmansk Oblast': 'Мурманская область',
  'Novosibirsk Oblast': 'Новосибирская область',
  'Omsk Oblast': 'Омская область',
  'Orenburg Oblast': 'Оренбургская область',
  'Republic of Buryatia': 'Республика Бурятия',
  'Republic of Karelia': 'Республика Карелия',
  'Republic of North Ossetia–Alania': 'Республика Северная Осетия — Алания',
  'Saratov Oblast': 'Саратовская область',
  'Tuva Republic': 'Республика Тыва',
  'Tyumen Oblast': 'Тюменская область',
  'Volgograd Oblast': 'Волгоградская область',
  'Zabaykalsky Krai': 'Забайкальский край',
  'Aktobe Region': 'Актюбинская область',
  'Atyrau Region': 'Атырауская область',
  'Bayan-Ölgii': 'Баян-Улгий',
  Dornod: 'Дорнод',
  'East Kazakhstan Region': 'Восточно-Казахстанская область',
  Kainuu: 'Кайнуу',
  Khentii: 'Хэнтий',
  Khövsgöl: 'Хувсгел',
  'Kostanay Region': 'Костанайская область',
  Kymenlaakso: 'Кюменлааксо',
  Lapland: 'Лапландия',
  'Mtskheta-Mtianeti': 'Мцхета-Мтианети',
  'North Karelia': 'Северная Карелия',
  'North Kazakhstan Region': 'Северо-Казахстанская область',
  'North Ostrobothnia': 'Северная Остроботния',
  'Pavlodar Region': 'Павлодарская область',
  Selenge: 'Сэлэнгэ',
  'South Karelia': 'Южная Карелия',
  Uvs: 'Увс',
  'West Kazakhstan Region': 'Западно-Казахстанская область',
  Zavkhan: 'Завхан',
};

const QUALIFIERS: Record<string, string> = { unverified: 'не подтверждено', '2015 name': 'название 2015 года' };

/** "Omsk Oblast (unverified)" → "Омская область (не подтверждено)"; unknown names stay as they are. */
export function regionName(region: string, lang: Language): string {
  if (lang === 'en') return region;
  const uncertain = /^unverified \((.+) or (.+)\)$/.exec(region);
  if (uncertain) return `${QUALIFIERS.unverified} (${regionName(uncertain[1]!, lang)} или ${regionName(uncertain[2]!, lang)})`;
  const qualified = /^(.+) \(([^)]+)\)$/.exec(region);
  if (qualified) return `${regionName(qualified[1]!, lang)} (${QUALIFIERS[qualified[2]!] ?? qualified[2]})`;
  return RU[region] ?? region;
}
