import type { ReactNode } from 'react';

interface NoticeProps {
  tone?: 'info' | 'success' | 'warning';
  children: ReactNode;
}

/** A non-error message: a confirmation after a form, or something the user should act on. */
export function Notice({ tone = 'info', children }: NoticeProps) {
  return (
    <div className={`banner banner--${tone}`} role="status">
      {children}
    </div>
  );
}
