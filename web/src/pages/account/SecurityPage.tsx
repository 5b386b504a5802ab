import { PageHeading } from '../../components/PageHeading';
import { ChangePasswordSection } from './ChangePasswordSection';
import { SessionsSection } from './SessionsSection';
import { TwoFactorSection } from './TwoFactorSection';

/** /settings/security: where you are signed in, your password, two-factor authentication. */
export function SecurityPage() {
  return (
    <>
      <PageHeading title="Security" />
      <SessionsSection />
      <ChangePasswordSection />
      <TwoFactorSection />
    </>
  );
}
