import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { languageParts, parseBlocks } from '../../lib/markdown-blocks';

describe('the Markdown the privacy page reads', () => {
  it('makes headings, paragraphs over several lines, lists with continued items, and inline marks', () => {
    const blocks = parseBlocks('# Title\n\nOne line\nand the next.\n\n- **Bold** item\n  continued\n- `code` and *em*\n\n## Next\nText');
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Title' },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'One line and the next.' }] },
      {
        kind: 'list',
        items: [
          [{ kind: 'strong', text: 'Bold' }, { kind: 'text', text: ' item continued' }],
          [{ kind: 'code', text: 'code' }, { kind: 'text', text: ' and ' }, { kind: 'em', text: 'em' }],
        ],
      },
      { kind: 'heading', level: 2, text: 'Next' },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'Text' }] },
    ]);
  });

  it('splits docs/privacy.md into its title and one part per language, English then Russian, each whole', () => {
    const { head, parts } = languageParts(parseBlocks(readFileSync('docs/privacy.md', 'utf8')));
    expect(head[0]).toMatchObject({ kind: 'heading', level: 1 });
    expect(parts.map((part) => part.lang)).toEqual(['en', 'ru']);
    expect(parts[1]!.blocks[0]).toEqual({ kind: 'heading', level: 2, text: 'Русский' });
    expect(parts[1]!.blocks.some((block) => block.kind === 'heading' && block.text === 'Что хранит Кордон')).toBe(true);
    expect(parts[0]!.blocks.some((block) => block.kind === 'heading' && block.text === 'Что хранит Кордон')).toBe(false);
  });
});
