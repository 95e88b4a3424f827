// "Did you mean": the crossings whose id or names come closest to a mistyped
// address (/checkpoints/vishnyovka, /checkpoints/верхний-ларс), compared as
// skeletons (lib/trip/skeleton.ts) so that script and transliteration do not
// count as mistakes.
import { editDistance, skeleton } from './trip/skeleton';

export interface NamedCheckpoint {
  id: string;
  name: { en: string; ru: string };
  russianSide: { name: { en: string; ru: string } };
}

/** The score of a name that holds what was typed (starts with it, or has it inside). */
const AS_TYPED = 0.1;

/** At most `limit` crossings, the closest first; none when nothing is close enough to be a guess worth showing. */
export function suggestCheckpoints<T extends NamedCheckpoint>(typed: string, checkpoints: readonly T[], limit = 3): T[] {
  const wanted = skeleton(decodeURIComponentSafe(typed));
  if (wanted.length < 3) return [];
  const scored = checkpoints.map((checkpoint) => {
    const keys = [checkpoint.id, checkpoint.name.en, checkpoint.name.ru, checkpoint.russianSide.name.en, checkpoint.russianSide.name.ru].map(skeleton);
    const score = Math.min(
      ...keys.map((key) => {
        if (key.startsWith(wanted) || wanted.startsWith(key)) return 0;
        // Part of a name: "lars", "upper-lars".
        if (key.includes(wanted)) return AS_TYPED;
        // Compared with the start of the name as long as what was typed: "verkhnilars" against "verkhnilarsdariali".
        return editDistance(wanted, key.slice(0, wanted.length + 1)) / wanted.length;
      }),
    );
    return { checkpoint, score };
  });
  // A name that holds what was typed is what was meant: typo guesses beside it ("Люття" for "Лотта") only make a
  // person who typed a name in full choose again.
  const best = Math.min(...scored.map((entry) => entry.score));
  const cutoff = best <= AS_TYPED ? AS_TYPED : 0.34;
  return scored
    .filter((entry) => entry.score <= cutoff)
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((entry) => entry.checkpoint);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
