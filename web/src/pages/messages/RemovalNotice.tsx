import { Notice } from '../../components/Notice';
import { clearRemoval, type Removal } from '../../messaging/removalStore';

/** "You’re no longer in …": after leaving a group, or being removed from it. */
export function RemovalNotice({ removal }: { removal: Removal }) {
  const what = removal.title ? `“${removal.title}”` : 'that conversation';
  return (
    <Notice>
      <p className="removal-notice">
        You’re no longer in {what}.{' '}
        <button className="link-button" type="button" onClick={() => clearRemoval(removal.conversationId)}>
          Dismiss
        </button>
      </p>
    </Notice>
  );
}
