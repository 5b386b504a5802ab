import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLeaveGroup } from '../../messaging/conversationMutations';

/** "Leave group", asked once: the group closes and leaves the list. */
export function LeaveGroupButton({ conversationId, me }: { conversationId: string; me: string }) {
  const leave = useLeaveGroup(conversationId, me);
  return (
    <>
      <ConfirmAction
        label="Leave group"
        prompt="Leave this group? You will no longer see its messages unless someone adds you again."
        confirmLabel="Leave"
        tone="secondary"
        small
        pending={leave.isPending}
        onConfirm={() => leave.mutate()}
      />
      <ErrorBanner error={leave.error} />
    </>
  );
}
