import type { BorderCode } from './enums';

export interface Border {
  code: BorderCode;
  name: { en: string; ru: string };
}

/** The four borders Kordon covers, in the order the UI shows them. */
export const BORDERS: readonly Border[] = [
  { code: 'FI', name: { en: 'Finland', ru: 'Финляндия' } },
  { code: 'GE', name: { en: 'Georgia', ru: 'Грузия' } },
  { code: 'KZ', name: { en: 'Kazakhstan', ru: 'Казахстан' } },
  { code: 'MN', name: { en: 'Mongolia', ru: 'Монголия' } },
];
