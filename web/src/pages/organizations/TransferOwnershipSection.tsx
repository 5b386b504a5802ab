import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { transferOwnership } from '../../api/members';
import type { OrganizationView } from '../../api/schema';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ErrorBanner } from '../../components/ErrorBanner';
import { SelectField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { useMembers } from '../../organizations/queries';
import { organizationKeys } from '../../organizations/queryKeys';

/** The owner hands the organization to another member and becomes an admin. */
export function TransferOwnershipSection({ organization }: { organization: OrganizationView }) {
  const queryClient = useQueryClient();
  const members = useMembers(organization.id);
  const candidates = (members.data ?? []).filter((member) => member.role !== 'owner');
  const [chosen, setChosen] = useState('');
  const to = candidates.find((member) => member.userId === chosen) ?? candidates[0];
  const transfer = useMutation({
    mutationFn: (userId: string) => transferOwnership(organization.id, userId),
    // The caller's role changed (now admin): everything about the organization is re-read.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.all }),
  });

  return (
    <section className="panel" aria-labelledby="transfer-title">
      <h3 className="panel__title" id="transfer-title">
        Transfer ownership
      </h3>
      <p>The new owner can delete the organization and manage admins. You stay on as an admin.</p>
      {transfer.isSuccess ? <Notice tone="success">{transfer.data.message}</Notice> : null}
      <ErrorBanner error={members.error ?? transfer.error} />
      {to ? (
        <>
          <div className="form">
            <SelectField
              label="New owner"
              name="newOwner"
              value={to.userId}
              onChange={(event) => setChosen(event.target.value)}
              options={candidates.map((member) => ({ value: member.userId, label: `${member.name} (${member.email})` }))}
            />
          </div>
          <div className="panel__actions">
            <ConfirmAction
              label="Transfer ownership"
              prompt={`Make ${to.name} the owner of ${organization.name}? Only they can give it back.`}
              confirmLabel={`Make ${to.name} the owner`}
              onConfirm={() => transfer.mutate(to.userId)}
              pending={transfer.isPending}
            />
          </div>
        </>
      ) : members.isSuccess ? (
        <p className="panel__intro">Invite someone first: ownership goes to another member.</p>
      ) : null}
    </section>
  );
}
