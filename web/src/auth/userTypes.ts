import { USER_TYPES, type UserType } from '../api/vocabularies';

/** The account types as the sign-up forms and the profile show them. */

export const USER_TYPE_LABELS: Readonly<Record<UserType, string>> = {
  client: 'Client',
  designer: 'Designer',
};

export const USER_TYPE_OPTIONS = USER_TYPES.map((value) => ({ value, label: USER_TYPE_LABELS[value] }));
