import { describe, expect, it } from 'vitest';
import { parseBlocks } from '../../lib/markdown-blocks';

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
});
