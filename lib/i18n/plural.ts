/** Russian plural forms: one, few, many (1 сообщение, 2 сообщения, 5 сообщений). */
export function plural(count: number, forms: readonly [string, string, string]): string {
  const rule = new Intl.PluralRules('ru').select(count);
  return rule === 'one' ? forms[0] : rule === 'few' ? forms[1] : forms[2];
}
