import { useState } from 'react';
import type { Setup } from '../../api/schema';
import { useAuth } from '../../auth/authContext';
import { DisableTwoFactorForm } from './DisableTwoFactorForm';
import { RecoveryCodes } from './RecoveryCodes';
import { StartTwoFactor } from './StartTwoFactor';
import { TwoFactorSetupForm } from './TwoFactorSetupForm';

/**
 * Two-factor authentication, as a small sequence: start → scan and confirm → recovery
 * codes (shown once) → on, with a way to turn it off.
 */
type Step = { kind: 'idle' } | { kind: 'setup'; setup: Setup } | { kind: 'codes'; codes: string[] };

export function TwoFactorSection() {
  const { user } = useAuth();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const idle = () => setStep({ kind: 'idle' });

  let body;
  if (step.kind === 'setup') {
    body = (
      <TwoFactorSetupForm
        setup={step.setup}
        onConfirmed={(codes) => setStep({ kind: 'codes', codes })}
        onCancel={idle}
      />
    );
  } else if (step.kind === 'codes') {
    body = <RecoveryCodes codes={step.codes} onDone={idle} />;
  } else if (user?.twoFactorEnabled) {
    body = <DisableTwoFactorForm />;
  } else {
    body = <StartTwoFactor onStarted={(setup) => setStep({ kind: 'setup', setup })} />;
  }

  return (
    <section className="panel" aria-labelledby="two-factor-title">
      <h3 className="panel__title" id="two-factor-title">
        Two-factor authentication
      </h3>
      {body}
    </section>
  );
}
