// "Did you mean" and the bot's search: which crossings a typed name finds.
import { describe, expect, it } from 'vitest';
import { suggestCheckpoints } from '../../lib/checkpoint-suggestions';
import { readCatalogue } from '../../prisma/seed';

const checkpoints = (await readCatalogue()).checkpoints;
const ids = (typed: string) => suggestCheckpoints(typed, checkpoints, 5).map((checkpoint) => checkpoint.id);

describe('suggested crossings', () => {
  it('a name typed in full, in either script, finds that crossing alone, not its look-alikes', () => {
    expect(ids('Лотта')).toEqual(['lotta']);
    expect(ids('Lotta')).toEqual(['lotta']);
    expect(ids('люття')).toEqual(['lyuttya']);
    expect(ids('ларс')).toEqual(['verkhny-lars']);
  });

  it('a misspelt or transliterated name still finds its guesses, and nonsense finds none', () => {
    expect(ids('vishnyovka')).toEqual(['vishnevka']);
    expect(ids('вишневка')).toEqual(['vishnevka']);
    expect(ids('лота')).toEqual(['lotta']);
    expect(ids('нижнеудинск')).toEqual([]);
  });
});
