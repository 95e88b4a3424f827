// Which language a page speaks: the visitor's own choice (a cookie set by the
// switch), else the browser's Accept-Language, else Russian.
export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LANGUAGE_COOKIE = 'kordon_lang';
export const DEFAULT_LANGUAGE: Language = 'ru';

export function isLanguage(value: unknown): value is Language {
  return value === 'ru' || value === 'en';
}

/** Picks from an Accept-Language header by its q-values; the first of ours wins ties. */
export function languageFromHeader(header: string | null | undefined): Language | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  return ranked.map((entry) => entry.base).find(isLanguage) ?? null;
}

export function pickLanguage(options: { cookie?: string | null; acceptLanguage?: string | null }): Language {
  if (isLanguage(options.cookie)) return options.cookie;
  return languageFromHeader(options.acceptLanguage) ?? DEFAULT_LANGUAGE;
}
