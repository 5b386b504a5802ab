import { useState, type DragEvent } from 'react';
import type { MoveBody } from '../../../api/schema';
import type { TaskStatus } from '../../../api/vocabularies';

/** What a dragged card carries, so a drop from elsewhere (another tab, a file) is ignored. */
const CARD_TYPE = 'application/x-fluxstudio-task';

/**
 * Native HTML5 drag and drop for the board. Cards are `draggable`; a column accepts a card
 * anywhere over it, and the place is found from the pointer against the middle of each other
 * card in that column: above the first middle is the top (index 0), below them all the bottom.
 * The index is among the column's other tasks, exactly as `POST …/move` takes it.
 */
export function useBoardDrag(onDrop: (taskId: string, move: MoveBody) => void) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [target, setTarget] = useState<MoveBody | null>(null);

  const end = () => {
    setDragging(null);
    setTarget(null);
  };

  const cardProps = (taskId: string) => ({
    draggable: true,
    'data-task-id': taskId,
    onDragStart: (event: DragEvent<HTMLElement>) => {
      event.dataTransfer.setData(CARD_TYPE, taskId);
      event.dataTransfer.effectAllowed = 'move';
      setDragging(taskId);
    },
    onDragEnd: end,
  });

  const columnProps = (status: TaskStatus) => ({
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (!dragging) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      const index = indexAt(event.currentTarget, event.clientY, dragging);
      if (target?.status !== status || target.index !== index) setTarget({ status, index });
    },
    onDragLeave: (event: DragEvent<HTMLElement>) => {
      if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
      setTarget((was) => (was?.status === status ? null : was));
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      const taskId = dragging ?? event.dataTransfer.getData(CARD_TYPE);
      if (!taskId) return;
      event.preventDefault();
      onDrop(taskId, { status, index: indexAt(event.currentTarget, event.clientY, taskId) });
      end();
    },
  });

  return { dragging, target, cardProps, columnProps };
}

/** How many of the column's other cards have their middle above `y`. */
function indexAt(column: HTMLElement, y: number, draggedId: string): number {
  let index = 0;
  for (const card of column.querySelectorAll<HTMLElement>('[data-task-id]')) {
    if (card.dataset.taskId === draggedId) continue;
    const box = card.getBoundingClientRect();
    if (y < box.top + box.height / 2) break;
    index += 1;
  }
  return index;
}
