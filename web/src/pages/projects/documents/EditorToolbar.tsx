import { useEditorState, type Editor } from '@tiptap/react';

interface ToolProps {
  label: string;
  active: boolean;
  onClick: () => void;
  children: string;
}

function Tool({ label, active, onClick, children }: ToolProps) {
  return (
    <button
      className="editor-toolbar__button"
      type="button"
      aria-label={label}
      aria-pressed={active}
      // Keep the selection in the text: the command applies to it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** Bold, italic, two heading levels and the two kinds of list, each showing whether it applies here. */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      heading1: current.isActive('heading', { level: 1 }),
      heading2: current.isActive('heading', { level: 2 }),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
    }),
  });
  const run = () => editor.chain().focus();

  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Formatting">
      <Tool label="Bold" active={active.bold} onClick={() => run().toggleBold().run()}>
        B
      </Tool>
      <Tool label="Italic" active={active.italic} onClick={() => run().toggleItalic().run()}>
        I
      </Tool>
      <Tool label="Heading 1" active={active.heading1} onClick={() => run().toggleHeading({ level: 1 }).run()}>
        H1
      </Tool>
      <Tool label="Heading 2" active={active.heading2} onClick={() => run().toggleHeading({ level: 2 }).run()}>
        H2
      </Tool>
      <Tool label="Bulleted list" active={active.bulletList} onClick={() => run().toggleBulletList().run()}>
        • List
      </Tool>
      <Tool label="Numbered list" active={active.orderedList} onClick={() => run().toggleOrderedList().run()}>
        1. List
      </Tool>
    </div>
  );
}
