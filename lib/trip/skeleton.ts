// A place name as a search compares it: whatever the script and however it was
// transliterated. "Вишнёвка", "Вишневка", "Vishnyovka" and "Vishnevka" all
// come out as "visnevka". Cyrillic is first spelled in Latin (the common
// scientific-ish way), then the letters people write differently are folded:
// ё/yo/jo → e, й/ы/y/j → i, kh/h/x → h, ts/tz/c → c, sh/sch/shch → s, ch → c,
// zh → z, w → v, doubled letters once, and anything not a letter dropped.

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y',
  ь: '', э: 'e', ю: 'yu', я: 'ya',
  // Kazakh and Mongolian letters of place names.
  ә: 'a', ғ: 'g', қ: 'k', ң: 'n', ө: 'o', ұ: 'u', ү: 'u', һ: 'h', і: 'i',
};

/** Lower case, Cyrillic spelled in Latin, accents gone. */
export function latinOf(text: string): string {
  // Composed first, so ё and й reach the table whole; accents go only after,
  // from the Latin letters (é → e), or they would turn ё into е and й into и.
  let out = '';
  for (const char of text.normalize('NFC').toLowerCase()) out += CYRILLIC[char] ?? char;
  return out.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

const FOLDS: [RegExp, string][] = [
  [/shch|sch/g, 's'],
  [/[yj]o/g, 'e'],
  [/[yj]e/g, 'e'],
  [/[yj]u/g, 'u'],
  [/[yj]a/g, 'a'],
  [/kh|x/g, 'h'],
  [/ts|tz/g, 'c'],
  [/sh/g, 's'],
  [/ch/g, 'c'],
  [/zh/g, 'z'],
  [/w/g, 'v'],
  [/[yj]/g, 'i'],
  [/[^a-z]/g, ''],
  [/(.)\1+/g, '$1'],
];

/** The form two names are compared in. */
export function skeleton(text: string): string {
  let out = latinOf(text);
  for (const [pattern, replacement] of FOLDS) out = out.replace(pattern, replacement);
  return out;
}

/** Levenshtein edit distance: how many letters to add, drop or change to turn one into the other. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= b.length; j += 1) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

/**
 * How many letters to add, drop or change to turn `typed` into the start of `name` (any start: "volgogad" is one
 * from "volgograd", "novosib" none), or `max + 1` as soon as it must be more: a search of every place per keystroke
 * stops early on nearly all of them.
 */
export function prefixEditDistance(typed: string, name: string, max: number): number {
  if (name.length < typed.length - max) return max + 1;
  let row = new Uint8Array(name.length + 1);
  let next = new Uint8Array(name.length + 1);
  for (let j = 0; j <= name.length; j += 1) row[j] = Math.min(j, 255);
  for (let i = 1; i <= typed.length; i += 1) {
    next[0] = Math.min(i, 255);
    let least = next[0]!;
    for (let j = 1; j <= name.length; j += 1) {
      const cost = row[j - 1]! + (typed.charCodeAt(i - 1) === name.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(row[j]! + 1, next[j - 1]! + 1, cost);
      next[j] = value;
      if (value < least) least = value;
    }
    if (least > max) return max + 1;
    [row, next] = [next, row];
  }
  let best = row[0]!;
  for (let j = 1; j <= name.length; j += 1) if (row[j]! < best) best = row[j]!;
  return best;
}
