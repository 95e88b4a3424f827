import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Metadata } from 'next';
import { parseBlocks, type Inline } from '../../lib/markdown-blocks';

export const metadata: Metadata = { title: 'Приватность · Privacy — Кордон · Kordon' };
export const dynamic = 'force-dynamic';

function Inlines({ inlines }: { inlines: Inline[] }) {
  return inlines.map((inline, index) =>
    inline.kind === 'strong' ? <strong key={index}>{inline.text}</strong> : inline.kind === 'em' ? <em key={index}>{inline.text}</em> : inline.kind === 'code' ? <code key={index}>{inline.text}</code> : inline.text,
  );
}

/** docs/privacy.md as a page, both languages, readable without JavaScript. */
export default async function PrivacyPage() {
  const blocks = parseBlocks(await readFile(path.join(process.cwd(), 'docs/privacy.md'), 'utf8'));
  let lang: 'en' | 'ru' = 'en';
  return (
    <main className="list-page privacy">
      <p>
        <a href="/">← Кордон · Kordon</a>
      </p>
      {blocks.map((block, index) => {
        if (block.kind === 'heading') {
          if (block.text === 'Русский') lang = 'ru';
          const Tag = `h${block.level}` as 'h1' | 'h2' | 'h3';
          return (
            <Tag key={index} lang={lang}>
              {block.text}
            </Tag>
          );
        }
        if (block.kind === 'list') {
          return (
            <ul key={index} lang={lang}>
              {block.items.map((item, i) => (
                <li key={i}>
                  <Inlines inlines={item} />
                </li>
              ))}
            </ul>
          );
        }
        return (
          <p key={index} lang={lang}>
            <Inlines inlines={block.inlines} />
          </p>
        );
      })}
    </main>
  );
}
