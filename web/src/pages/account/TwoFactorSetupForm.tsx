import { useMutation } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { confirmTwoFactor } from '../../api/auth';
import type { Setup } from '../../api/schema';
import { getAuthState, setUser } from '../../auth/sessionStore';
import { ErrorBanner } from '../../components/ErrorBanner';
import { TextField } from '../../components/Field';
import { formText, splitError } from '../../components/fieldErrors';
import { QrCode } from '../../components/QrCode';

interface TwoFactorSetupFormProps {
  setup: Setup;
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}

/**
 * The secret as a QR code and as text (for apps without a camera), then one code from
 * the app to prove it was added: 2FA is only on once the server has seen a valid code.
 */
export function TwoFactorSetupForm({ setup, onConfirmed, onCancel }: TwoFactorSetupFormProps) {
  const confirm = useMutation({
    mutationFn: confirmTwoFactor,
    onSuccess: ({ recoveryCodes }) => {
      const { user } = getAuthState();
      if (user) setUser({ ...user, twoFactorEnabled: true });
      onConfirmed(recoveryCodes);
    },
  });
  const { fields, banner } = splitError(confirm.error, { code: 'code' }, { invalid_code: 'code' });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    confirm.mutate(formText(event.currentTarget, 'code').replace(/\s+/g, ''));
  }

  return (
    <div className="two-factor-setup">
      <ol className="steps">
        <li>
          <p>Scan this QR code with your authenticator app.</p>
          <QrCode value={setup.otpauthUri} label="QR code to add FluxStudio to your authenticator app" />
        </li>
        <li>
          <p>
            Or enter this key by hand: <code className="secret" data-testid="totp-secret">{setup.secret}</code>
          </p>
        </li>
        <li>
          <p>Enter the 6-digit code the app shows.</p>
        </li>
      </ol>
      <ErrorBanner error={banner} />
      <form className="form" onSubmit={submit}>
        <TextField
          label="Authentication code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          required
          error={fields.code}
        />
        <div className="form__actions">
          <button className="button button--primary" type="submit" disabled={confirm.isPending}>
            Turn on
          </button>
          <button className="button button--secondary" type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
