import type { ReactNode } from 'react';

interface EmptyStateProps {
  title: string;
  children?: ReactNode;
}

/** The panel a page shows while it has nothing to list. */
export function EmptyState({ title, children }: EmptyStateProps) {
  return (
    <section className="empty-state">
      <h3 className="empty-state__title">{title}</h3>
      {children ? <div className="empty-state__body">{children}</div> : null}
    </section>
  );
}
