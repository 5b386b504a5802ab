import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EditDeleteActions } from './EditDeleteActions';

// Rendered to static markup: what a reader sees before clicking. The question that "Delete"
// opens (and its "Yes, delete") is ConfirmAction's state; the tests have no DOM to click in.
const base = {
  editLabel: 'Rename',
  onEdit: () => {},
  deleteLabel: 'Delete team',
  deletePrompt: 'Delete Design? Its projects stay, without a team.',
  onDelete: () => {},
  deletePending: false,
};

const html = (props: Partial<typeof base>) => renderToStaticMarkup(<EditDeleteActions {...base} {...props} />);

describe('EditDeleteActions', () => {
  it('shows the edit button, then the delete button, small, in one item-list__actions row', () => {
    expect(html({})).toBe(
      '<div class="item-list__actions">' +
        '<button class="button button--secondary button--small" type="button">Rename</button>' +
        '<button class="button button--danger button--small" type="button">Delete team</button>' +
        '</div>',
    );
  });

  it('uses the labels it is given, as the browser tests find them', () => {
    const markup = html({ editLabel: 'Edit', deleteLabel: 'Delete' });
    expect(markup).toContain('>Edit</button>');
    expect(markup).toContain('>Delete</button>');
    expect(markup).not.toContain('Rename');
    expect(markup).not.toContain('Delete team');
  });

  it('asks nothing until Delete is pressed: no question, no "Yes, delete", nothing disabled', () => {
    const markup = html({ deletePending: true });
    expect(markup).not.toContain(base.deletePrompt);
    expect(markup).not.toContain('Yes, delete');
    expect(markup).not.toContain('role="group"');
    expect(markup).not.toContain('disabled');
  });
});
