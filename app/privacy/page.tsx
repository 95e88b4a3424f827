import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Metadata } from 'next';
import { languageParts, parseBlocks, type Block, type Inline } from '../../lib/markdown-blocks';
import { requestLanguage } from '../request-language';

export const metadata: Metadata = { title: 'Приватность · Privacy — Кордон · Kordon' };
export const dynamic = 'force-dynamic';

function Inlines({ inlines }: { inlines: Inline[] }) {
  return inlines.map((inline, index) =>
    inline.kind === 'strong' ? <strong key={index}>{inline.text}</strong> : inline.kind === 'em' ? <em key={index}>{inline.text}</em> : inline.kind === 'code' ? <code key={index}>{inline.text}</code> : inline.text,
  );
}

function BlockView({ block, lang }: { block: Block; lang: 'en' | 'ru' | undefined }) {
  if (block.kind === 'heading') {
    const Tag = `h${block.level}` as 'h1' | 'h2' | 'h3';
    return <Tag lang={lang}>{block.text}</Tag>;
  }
  if (block.kind === 'list') {
    return (
      <ul lang={lang}>
        {block.items.map((item, i) => (
          <li key={i}>
            <Inlines inlines={item} />
          </li>
        ))}
      </ul>
    );
  }
  return (
    <p lang={lang}>
      <Inlines inlines={block.inlines} />
    </p>
  );
}

/** docs/privacy.md as a page, both languages, the reader's first, readable without JavaScript. */
export default async function PrivacyPage() {
  const { head, parts } = languageParts(parseBlocks(await readFile(path.join(process.cwd(), 'docs/privacy.md'), 'utf8')));
  const reader = await requestLanguage();
  const ordered = [...parts].sort((a, b) => Number(b.lang === reader) - Number(a.lang === reader));
  return (
    <main className="list-page privacy">
      <p>
        <a href="/">← Кордон · Kordon</a>
      </p>
      {head.map((block, index) => (
        <BlockView key={`head-${index}`} block={block} lang={undefined} />
      ))}
      {ordered.map((part) => (
        <section key={part.lang} lang={part.lang}>
          {part.blocks.map((block, index) => (
            <BlockView key={index} block={block} lang={part.lang} />
          ))}
        </section>
      ))}
    </main>
  );
}
