/** Query keys of the signed-in user's data; everything under ['account'] is dropped on sign-out. */
export const SESSIONS_KEY = ['account', 'sessions'] as const;
