import type { MemberView } from '../../api/schema';
import type { OrgRole } from '../../api/vocabularies';
import { ConfirmAction } from '../../components/ConfirmAction';
import { ROLE_LABELS } from '../../organizations/roles';

interface MemberItemProps {
  member: MemberView;
  isYou: boolean;
  /** The roles the caller may give this member; empty: the role is only shown. */
  roles: readonly OrgRole[];
  removable: boolean;
  /** The role being saved, shown in the select until the server answers. */
  pendingRole: OrgRole | undefined;
  removing: boolean;
  onRoleChange: (role: OrgRole) => void;
  onRemove: () => void;
}

/** One member: who, their role (a select when the caller may change it) and "Remove". */
export function MemberItem({ member, isYou, roles, removable, pendingRole, removing, onRoleChange, onRemove }: MemberItemProps) {
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
      {roles.length ? (
        <select
          className="field__control item-list__select"
          aria-label="Role"
          value={pendingRole ?? member.role}
          disabled={pendingRole !== undefined}
          onChange={(event) => onRoleChange(event.target.value as OrgRole)}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      ) : (
        <span className="role-tag">{ROLE_LABELS[member.role]}</span>
      )}
      {removable ? (
        <ConfirmAction
          label="Remove"
          prompt={`Remove ${member.name} from the organization?`}
          confirmLabel="Yes, remove"
          onConfirm={onRemove}
          pending={removing}
          small
        />
      ) : null}
    </li>
  );
}
