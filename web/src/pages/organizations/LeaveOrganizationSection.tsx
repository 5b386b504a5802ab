import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { leaveOrganization } from '../../api/members';
import type { OrganizationView } from '../../api/schema';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorBanner } from '../../components/ErrorBanner';
import { forgetOrganization } from '../../organizations/currentOrganization';
import { organizationKeys } from '../../organizations/queryKeys';

interface LeaveOrganizationSectionProps {
  organization: OrganizationView;
  /** False for the owner, who must transfer ownership first. */
  allowed: boolean;
}

/** Leaving oneself; the organization disappears from the user's list. */
export function LeaveOrganizationSection({ organization, allowed }: LeaveOrganizationSectionProps) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const leave = useMutation({
    mutationFn: () => leaveOrganization(organization.id),
    onSuccess: () => {
      forgetOrganization(organization.id);
      queryClient.removeQueries({ queryKey: organizationKeys.one(organization.id) });
      void queryClient.invalidateQueries({ queryKey: organizationKeys.list() });
      navigate('/organizations', { replace: true });
    },
  });

  return (
    <section className="panel" aria-labelledby="leave-title">
      <h3 className="panel__title" id="leave-title">
        Leave organization
      </h3>
      {allowed ? (
        <>
          <p>You lose access to its projects. Someone will have to invite you again to come back.</p>
          <ErrorBanner error={leave.error} />
          <div className="panel__actions">
            <ConfirmAction
              label="Leave organization"
              prompt={`Leave ${organization.name}?`}
              confirmLabel="Yes, leave"
              onConfirm={() => leave.mutate()}
              pending={leave.isPending}
            />
          </div>
        </>
      ) : (
        <p>As the owner you cannot leave: transfer ownership to another member first.</p>
      )}
    </section>
  );
}
