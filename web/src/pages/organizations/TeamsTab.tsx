import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useOrganizationOutlet } from '../../organizations/organizationContext';
import { useTeams } from '../../organizations/queries';
import { NewTeamForm } from './NewTeamForm';
import { TeamItem } from './TeamItem';

/** The organization's teams; the owner and admins create, rename and delete them and set who is in them. */
export function TeamsTab() {
  const organization = useOrganizationOutlet();
  const manage = organization.can.manageTeams;
  const teams = useTeams(organization.id);

  return (
    <>
      {manage ? (
        <section className="panel" aria-labelledby="new-team-title">
          <h3 className="panel__title" id="new-team-title">
            New team
          </h3>
          <NewTeamForm organizationId={organization.id} />
        </section>
      ) : null}
      <ErrorBanner error={teams.error} />
      {teams.isPending ? <p aria-busy="true">Loading teams…</p> : null}
      {teams.data?.length === 0 ? (
        <EmptyState title="No teams yet">
          <p>Teams group the people who work together, such as "Design" or "Brand X account".</p>
        </EmptyState>
      ) : null}
      {teams.data?.length ? (
        <ul className="team-list" aria-label="Teams">
          {teams.data.map((team) => (
            <TeamItem key={team.id} organizationId={organization.id} team={team} manage={manage} />
          ))}
        </ul>
      ) : null}
    </>
  );
}
