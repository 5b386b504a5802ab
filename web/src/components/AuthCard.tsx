import type { ReactNode } from 'react';
import { PageHeading } from './PageHeading';

interface AuthCardProps {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  /** Links to the neighbouring pages (sign in / create account / forgot password). */
  footer?: ReactNode;
}

/** The narrow centred panel the signed-out pages (login, signup, reset…) share. */
export function AuthCard({ title, intro, children, footer }: AuthCardProps) {
  return (
    <section className="auth-card">
      <PageHeading title={title} />
      {intro ? <p className="auth-card__intro">{intro}</p> : null}
      {children}
      {footer ? <div className="auth-card__footer">{footer}</div> : null}
    </section>
  );
}
