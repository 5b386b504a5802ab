/**
 * A deliberately tiny Markdown reader for task descriptions and comments: paragraphs with
 * line breaks, bulleted and numbered lists, and inline **bold**, *italic*, `code` and
 * [links](https://…). It builds a tree of plain values that Markdown.tsx turns into React
 * elements, so no text ever becomes HTML: there is nothing to inject into.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,9}[.)]\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: Inline[][] | null = null;
  let list: { ordered: boolean; items: Inline[][] } | null = null;
  const flush = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list) blocks.push({ kind: 'list', ...list });
    paragraph = null;
    list = null;
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (line.trim() === '') {
      flush();
    } else if (item) {
      const ordered = numbered !== null;
      if (!list || list.ordered !== ordered) {
        flush();
        list = { ordered, items: [] };
      }
      list.items.push(parseInline(item[1] ?? ''));
    } else {
      if (list) flush();
      paragraph ??= [];
      paragraph.push(parseInline(line));
    }
  }
  flush();
  return blocks;
}

// `code`, **bold**, *italic* or _italic_, [text](target): the first that starts earliest wins.
const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|\b_([^_\s](?:[^_]*[^_\s])?)_\b|\[([^\]]+)\]\(([^)\s]+)\)/;

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let rest = text;
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      out.push({ kind: 'text', text: rest });
      break;
    }
    if (match.index > 0) out.push({ kind: 'text', text: rest.slice(0, match.index) });
    const [whole, code, strong, star, underscore, label, target] = match;
    if (code !== undefined) out.push({ kind: 'code', text: code });
    else if (strong !== undefined) out.push({ kind: 'strong', children: parseInline(strong) });
    else if (star !== undefined || underscore !== undefined) {
      out.push({ kind: 'em', children: parseInline(star ?? underscore ?? '') });
    } else if (label !== undefined && target !== undefined) {
      const href = safeHref(target);
      out.push(href ? { kind: 'link', href, children: parseInline(label) } : { kind: 'text', text: whole });
    }
    rest = rest.slice(match.index + whole.length);
  }
  return out;
}

/** Web and mail addresses, and paths on this site; never `javascript:` or `data:`. */
export function safeHref(target: string): string | undefined {
  if (target.startsWith('/') && !target.startsWith('//')) return target;
  try {
    const url = new URL(target);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
