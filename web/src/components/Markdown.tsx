import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from './markdown';

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.kind) {
      case 'text':
        return <Fragment key={index}>{node.text}</Fragment>;
      case 'code':
        return <code key={index}>{node.text}</code>;
      case 'strong':
        return <strong key={index}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={index}>{renderInline(node.children)}</em>;
      case 'link': {
        const external = !node.href.startsWith('/');
        return (
          <a key={index} href={node.href} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
            {renderInline(node.children)}
          </a>
        );
      }
    }
  });
}

/** Markdown text shown safely (see markdown.ts): React escapes every piece of it. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      {parseMarkdown(source).map((block, index) => {
        if (block.kind === 'list') {
          const items = block.items.map((item, n) => <li key={n}>{renderInline(item)}</li>);
          return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
        }
        return (
          <p key={index}>
            {block.lines.map((line, n) => (
              <Fragment key={n}>
                {n > 0 ? <br /> : null}
                {renderInline(line)}
              </Fragment>
            ))}
          </p>
        );
      })}
    </div>
  );
}
