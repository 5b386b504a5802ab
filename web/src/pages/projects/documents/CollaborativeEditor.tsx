import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import type { CollabSession } from '../../../documents/collab/useCollabSession';
import { EditorToolbar } from './EditorToolbar';

/** Who this person is to the others: the name and colour on their caret. */
export interface CaretUser {
  name: string;
  color: string;
}

interface CollaborativeEditorProps {
  session: CollabSession;
  user: CaretUser;
  editable: boolean;
}

/**
 * The document's text, edited by everyone at once. TipTap keeps its content in the Y.Doc's
 * XmlFragment `default`, the one the server exports and restores, and shows the others'
 * carets from the provider's awareness (where it also puts this person's `user`).
 */
export function CollaborativeEditor({ session, user, editable }: CollaborativeEditorProps) {
  const editor = useEditor(
    {
      extensions: [
        StarterKit.configure({
          // Collaboration brings its own undo, which only undoes this person's changes.
          undoRedo: false,
          // The server renders only StarterKit's classic marks; underline is not among them.
          underline: false,
          // It appends a paragraph on its own, in every open editor at once (and in
          // read-only ones), which would write the same change several times.
          trailingNode: false,
          link: { openOnClick: false },
        }),
        Collaboration.configure({ document: session.doc }),
        CollaborationCaret.configure({ provider: session.provider, user }),
      ],
      editable,
      editorProps: {
        attributes: {
          class: 'document-editor__text',
          role: 'textbox',
          'aria-label': 'Document text',
          'aria-multiline': 'true',
          'aria-readonly': String(!editable),
        },
      },
    },
    // A new connection or a change of rights makes a new editor (its content comes from the Y.Doc).
    [session, editable],
  );

  return (
    <div className="document-editor">
      {editable ? <EditorToolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}
