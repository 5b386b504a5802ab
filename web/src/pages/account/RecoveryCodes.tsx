import { Notice } from '../../components/Notice';

/**
 * The recovery codes, shown this once: the server keeps only their hashes, so after
 * "Done" nobody can show them again.
 */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <>
      <Notice tone="success">Two-factor authentication is on.</Notice>
      <p>
        Save these recovery codes somewhere safe. Each one signs you in once if you lose your authenticator app.{' '}
        <strong>They will not be shown again.</strong>
      </p>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="panel__actions">
        <button className="button button--primary" type="button" onClick={onDone}>
          I have saved my recovery codes
        </button>
      </div>
    </>
  );
}
