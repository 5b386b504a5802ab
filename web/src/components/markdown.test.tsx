import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown';
import { Markdown } from './Markdown';

const html = (source: string) => renderToStaticMarkup(<Markdown source={source} />);

describe('parseMarkdown', () => {
  it('splits paragraphs on blank lines and keeps line breaks inside one', () => {
    expect(parseMarkdown('one\ntwo\r\n\r\nthree')).toEqual([
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]] },
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'three' }]] },
    ]);
  });

  it('reads bulleted and numbered lists, a change of kind starting a new list', () => {
    expect(parseMarkdown('intro\n- a\n* b\n1. one\n2) two\nafter')).toEqual([
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'intro' }]] },
      { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]] },
      { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]] },
      { kind: 'paragraph', lines: [[{ kind: 'text', text: 'after' }]] },
    ]);
  });

  it('answers nothing for blank text', () => {
    expect(parseMarkdown('')).toEqual([]);
    expect(parseMarkdown(' \n\n  ')).toEqual([]);
  });
});

describe('parseInline', () => {
  it('reads bold, italic and code', () => {
    expect(parseInline('a **b** *c* _d_ `e`')).toEqual([
      { kind: 'text', text: 'a ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'b' }] },
      { kind: 'text', text: ' ' },
      { kind: 'em', children: [{ kind: 'text', text: 'c' }] },
      { kind: 'text', text: ' ' },
      { kind: 'em', children: [{ kind: 'text', text: 'd' }] },
      { kind: 'text', text: ' ' },
      { kind: 'code', text: 'e' },
    ]);
  });

  it('leaves code as written: no emphasis, no links inside it', () => {
    expect(parseInline('`**x** [a](https://a.test) <b>`')).toEqual([{ kind: 'code', text: '**x** [a](https://a.test) <b>' }]);
  });

  it('leaves underscores inside words alone', () => {
    expect(parseInline('snake_case_name')).toEqual([{ kind: 'text', text: 'snake_case_name' }]);
  });

  it('reads a link with its label parsed', () => {
    expect(parseInline('see [the **spec**](https://example.com/spec)')).toEqual([
      { kind: 'text', text: 'see ' },
      {
        kind: 'link',
        href: 'https://example.com/spec',
        children: [
          { kind: 'text', text: 'the ' },
          { kind: 'strong', children: [{ kind: 'text', text: 'spec' }] },
        ],
      },
    ]);
  });

  it('keeps a link with a refused target as its plain text', () => {
    expect(parseInline('[click](javascript:alert(1))')).toEqual([
      { kind: 'text', text: '[click](javascript:alert(1)' },
      { kind: 'text', text: ')' },
    ]);
    expect(parseInline('[x](data:text/html,<script>alert(1)</script>)')).toEqual([
      { kind: 'text', text: '[x](data:text/html,<script>alert(1)' },
      { kind: 'text', text: '</script>)' },
    ]);
  });

  it('keeps a mention as plain text', () => {
    expect(parseInline('thanks @Ann Lee, and **@Bo**')).toEqual([
      { kind: 'text', text: 'thanks @Ann Lee, and ' },
      { kind: 'strong', children: [{ kind: 'text', text: '@Bo' }] },
    ]);
  });
});

describe('safeHref', () => {
  it('accepts web and mail addresses, and paths on this site', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('http://example.com/a?b=1#c')).toBe('http://example.com/a?b=1#c');
    expect(safeHref('mailto:ann@example.com')).toBe('mailto:ann@example.com');
    expect(safeHref('/projects/p1?task=t1')).toBe('/projects/p1?task=t1');
  });

  it('refuses scripts, data, other schemes, other sites without a scheme and relative paths', () => {
    for (const target of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'jav&#x09;ascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'file:///etc/passwd',
      '//evil.example/x',
      'relative/path',
      '',
    ]) {
      expect(safeHref(target), target).toBeUndefined();
    }
  });

  it('escapes quotes so an address cannot leave its attribute', () => {
    expect(safeHref('https://a.test/"onmouseover="alert(1)')).toBe('https://a.test/%22onmouseover=%22alert(1)');
  });
});

describe('<Markdown>', () => {
  it('shows HTML and scripts as text', () => {
    expect(html('<script>alert("x")</script>')).toBe(
      '<div class="markdown"><p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p></div>',
    );
    expect(html('<img src=x onerror=alert(1)> & <b>bold</b>')).toBe(
      '<div class="markdown"><p>&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p></div>',
    );
  });

  it('escapes HTML inside code, emphasis and link labels', () => {
    expect(html('`<b>` **<i>** [<u>](https://a.test)')).toBe(
      '<div class="markdown"><p><code>&lt;b&gt;</code> <strong>&lt;i&gt;</strong> ' +
        '<a href="https://a.test/" target="_blank" rel="noopener noreferrer">&lt;u&gt;</a></p></div>',
    );
  });

  it('never renders a javascript: link', () => {
    const out = html('[click](javascript:alert(1)) [ok](/projects)');
    expect(out).toBe('<div class="markdown"><p>[click](javascript:alert(1)) <a href="/projects">ok</a></p></div>');
    expect(out).not.toContain('href="javascript');
  });

  it('opens other sites in a new tab without an opener, paths on this site in place', () => {
    expect(html('[docs](https://example.com/docs) and [home](/)')).toBe(
      '<div class="markdown"><p><a href="https://example.com/docs" target="_blank" rel="noopener noreferrer">docs</a> and <a href="/">home</a></p></div>',
    );
  });

  it('renders mentions as text, and lists, line breaks and the class name', () => {
    expect(renderToStaticMarkup(<Markdown className="message__body" source={'Hi @Ann Lee\nsee:\n\n- one\n- `two`\n\n1. first'} />)).toBe(
      '<div class="markdown message__body"><p>Hi @Ann Lee<br/>see:</p>' +
        '<ul><li>one</li><li><code>two</code></li></ul><ol><li>first</li></ol></div>',
    );
  });
});
