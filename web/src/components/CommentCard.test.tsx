import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../pages/account/formatDateTime';
import { CommentCard, type CommentCardProps } from './CommentCard';

// Rendered to static markup: what each reader sees. Editing (a click, the form's submit) is
// a few lines of state in the component; the tests have no DOM to click in.
const base: CommentCardProps = {
  as: 'li',
  className: 'comment',
  authorName: 'Ada',
  createdAt: '2024-05-01T10:00:00Z',
  editedAt: null,
  body: 'Looks **good**',
  deleted: false,
  canEdit: true,
  savePending: false,
  deletePending: false,
  onSave: () => {},
  onDelete: () => {},
};

const html = (props: Partial<CommentCardProps>) => renderToStaticMarkup(<CommentCard {...base} {...props} />);

describe('CommentCard', () => {
  it('shows a deleted comment as a placeholder, named so only when asked', () => {
    expect(html({ deleted: true })).toBe('<li class="comment comment--deleted"><p>Comment deleted</p></li>');
    expect(html({ deleted: true, as: 'article', className: 'review-comment', labelDeleted: true })).toBe(
      '<article class="review-comment review-comment--deleted" aria-label="Comment deleted"><p>Comment deleted</p></article>',
    );
  });

  it('shows the author, the time and the text', () => {
    const markup = html({});
    expect(markup).toContain(`<li class="comment" aria-label="Ada, ${formatDateTime(base.createdAt)}">`);
    expect(markup).toContain(`<time dateTime="${base.createdAt}">${formatDateTime(base.createdAt)}</time>`);
    expect(markup).toContain('<strong>good</strong>');
    expect(html({ authorName: null })).toContain('<strong>A former member</strong>');
  });

  it('marks an edited comment, with when in its title', () => {
    const editedAt = '2024-05-02T12:30:00Z';
    expect(html({ editedAt })).toContain(`<span title="${formatDateTime(editedAt)}"> · edited</span>`);
    expect(html({})).not.toContain('edited');
  });

  it('offers Edit and Delete only to readers who may edit', () => {
    const mayEdit = html({});
    expect(mayEdit).toContain('>Edit</button>');
    expect(mayEdit).toContain('>Delete</button>');
    const reader = html({ canEdit: false });
    expect(reader).not.toContain('item-list__actions');
    expect(reader).not.toContain('>Edit</button>');
    expect(reader).not.toContain('>Delete</button>');
  });
});
