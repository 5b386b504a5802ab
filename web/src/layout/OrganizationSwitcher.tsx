import { useCallback, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useDismiss } from '../components/useDismiss';
import { pickCurrent, setCurrentOrganizationId, useCurrentOrganizationId } from '../organizations/currentOrganization';
import { useOrganizations } from '../organizations/queries';
import { ROLE_LABELS } from '../organizations/roles';

/**
 * The side navigation's top: the organization being worked in, and a menu of the user's
 * organizations (choosing one opens it and remembers it) with "New organization".
 */
export function OrganizationSwitcher() {
  const organizations = useOrganizations();
  const currentId = useCurrentOrganizationId();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const root = useRef<HTMLDivElement>(null);
  const menuId = useId();
  useDismiss(root, open, close);

  const list = organizations.data ?? [];
  const current = pickCurrent(list, currentId);
  const label = current?.name ?? (organizations.isPending ? 'Loading…' : 'No organization');

  return (
    <div className="org-switcher" ref={root}>
      <button
        className="org-switcher__toggle"
        type="button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((was) => !was)}
      >
        <span className="org-switcher__caption">Organization</span>
        <span className="org-switcher__name">{label}</span>
      </button>
      {open ? (
        <ul className="org-switcher__menu" id={menuId} aria-label="Your organizations">
          {organizations.isError ? <li className="org-switcher__note">{organizations.error.message}</li> : null}
          {list.map((organization) => (
            <li key={organization.id}>
              <Link
                className="org-switcher__item"
                to={`/organizations/${organization.id}`}
                aria-current={organization.id === current?.id ? 'true' : undefined}
                onClick={() => {
                  setCurrentOrganizationId(organization.id);
                  close();
                }}
              >
                <span>{organization.name}</span>
                <span className="org-switcher__role">{ROLE_LABELS[organization.role]}</span>
              </Link>
            </li>
          ))}
          <li>
            <Link className="org-switcher__item org-switcher__item--new" to="/organizations/new" onClick={close}>
              New organization
            </Link>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
