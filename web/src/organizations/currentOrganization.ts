import { useSyncExternalStore } from 'react';
import type { OrganizationView } from '../api/schema';

/**
 * The organization the user is working in, remembered across visits by its id in
 * localStorage (an id is no secret: the server answers 404 to anyone outside it). Tabs
 * follow each other through the `storage` event.
 */

const STORAGE_KEY = 'fluxstudio.currentOrganizationId';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: remember nothing
  }
}

function notify() {
  for (const listener of listeners) listener();
}

export function setCurrentOrganizationId(id: string | null): void {
  if (read() === id) return;
  try {
    if (id) localStorage.setItem(STORAGE_KEY, id);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or disabled: the choice lasts until the page is left.
  }
  notify();
}

/** Forgets the organization if it is the current one (after leaving or deleting it). */
export function forgetOrganization(id: string): void {
  if (read() === id) setCurrentOrganizationId(null);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useCurrentOrganizationId(): string | null {
  return useSyncExternalStore(subscribe, read);
}

/** The remembered organization if the user still belongs to it, else their first one. */
export function pickCurrent(organizations: readonly OrganizationView[], id: string | null): OrganizationView | undefined {
  return organizations.find((organization) => organization.id === id) ?? organizations[0];
}
