// Just enough Markdown for docs/privacy.md (headings, paragraphs, bullet
// lists, **bold**, *emphasis*, `code`) to be served as a page: the document
// stays the one source of what the page says.

export type Inline = { kind: 'text' | 'strong' | 'em' | 'code'; text: string };
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; items: Inline[][] };

export function parseInlines(text: string): Inline[] {
  const inlines: Inline[] = [];
  const pattern = /\*\*(.+?)\*\*|\*(.+?)\*|`(.+?)`/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) inlines.push({ kind: 'text', text: text.slice(last, match.index) });
    if (match[1] !== undefined) inlines.push({ kind: 'strong', text: match[1] });
    else if (match[2] !== undefined) inlines.push({ kind: 'em', text: match[2] });
    else inlines.push({ kind: 'code', text: match[3]! });
    last = match.index + match[0].length;
  }
  if (last < text.length) inlines.push({ kind: 'text', text: text.slice(last) });
  return inlines;
}

export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let items: string[] | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', inlines: parseInlines(paragraph.join(' ')) });
    if (items) blocks.push({ kind: 'list', items: items.map(parseInlines) });
    paragraph = [];
    items = null;
  };
  for (const raw of markdown.split('\n')) {
    const line = raw.trimEnd();
    const heading = /^(#{1,3}) (.+)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ kind: 'heading', level: heading[1]!.length as 1 | 2 | 3, text: heading[2]! });
    } else if (line.startsWith('- ')) {
      if (paragraph.length) flush();
      (items ??= []).push(line.slice(2));
    } else if (line.trim() === '') {
      flush();
    } else if (items && /^\s+/.test(line)) {
      items[items.length - 1] += ` ${line.trim()}`;
    } else {
      if (items) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/**
 * A bilingual document (docs/privacy.md): what comes before its first language heading, then one part per
 * `## English` / `## Русский` section, so a page can put the reader's language first.
 */
export function languageParts(blocks: readonly Block[]): { head: Block[]; parts: { lang: 'en' | 'ru'; blocks: Block[] }[] } {
  const head: Block[] = [];
  const parts: { lang: 'en' | 'ru'; blocks: Block[] }[] = [];
  for (const block of blocks) {
    const lang = block.kind === 'heading' && block.level === 2 ? ({ English: 'en', Русский: 'ru' } as const)[block.text as 'English' | 'Русский'] : undefined;
    if (lang) parts.push({ lang, blocks: [block] });
    else if (parts.length > 0) parts.at(-1)!.blocks.push(block);
    else head.push(block);
  }
  return { head, parts };
}
