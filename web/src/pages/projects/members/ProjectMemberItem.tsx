import type { ProjectMemberView } from '../../../api/schema';
import type { ProjectRole } from '../../../api/vocabularies';
import { ConfirmAction } from '../../../components/ConfirmAction';
import { PROJECT_ROLE_LABELS, PROJECT_ROLES } from '../../../projects/vocabulary';

interface ProjectMemberItemProps {
  member: ProjectMemberView;
  isYou: boolean;
  /** The caller manages the project's members (a select and "Remove"); else the role is only shown. */
  manage: boolean;
  /** The role being saved, shown in the select until the server answers. */
  pendingRole: ProjectRole | undefined;
  removing: boolean;
  onRoleChange: (role: ProjectRole) => void;
  onRemove: () => void;
}

/** One person on the project: who, their project role, and "Remove" for leads. */
export function ProjectMemberItem({ member, isYou, manage, pendingRole, removing, onRoleChange, onRemove }: ProjectMemberItemProps) {
  return (
    <li className="item-list__item">
      <span className="avatar" aria-hidden="true">
        {member.name.trim().charAt(0).toUpperCase() || '?'}
      </span>
      <div className="item-list__text">
        <p className="item-list__title">
          {member.name}
          {isYou ? <span className="badge">You</span> : null}
        </p>
        <p className="item-list__meta">{member.email}</p>
      </div>
      {manage ? (
        <select
          className="field__control item-list__select"
          aria-label={`Project role of ${member.name}`}
          value={pendingRole ?? member.role}
          disabled={pendingRole !== undefined}
          onChange={(event) => onRoleChange(event.target.value as ProjectRole)}
        >
          {PROJECT_ROLES.map((role) => (
            <option key={role} value={role}>
              {PROJECT_ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      ) : (
        <span className="role-tag">{PROJECT_ROLE_LABELS[member.role]}</span>
      )}
      {manage ? (
        <ConfirmAction
          label="Remove"
          prompt={`Take ${member.name} off the project? Their tasks stay assigned to them.`}
          confirmLabel="Yes, remove"
          onConfirm={onRemove}
          pending={removing}
          small
        />
      ) : null}
    </li>
  );
}
