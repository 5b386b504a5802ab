import { ApiError } from '../api/errors';

/**
 * Splits a failed request's error between a form's fields and its banner. The server
 * names the field at fault (`field`, camelCase as sent) and a form maps those names to
 * its own controls; some errors name no field but clearly concern one (409 email_taken),
 * so a form may also map error codes. Whatever no control claims goes to the banner.
 */
export function splitError<Name extends string>(
  error: unknown,
  byField: Readonly<Record<string, Name>>,
  byCode: Readonly<Record<string, Name>> = {},
): { fields: Partial<Record<Name, string>>; banner: unknown } {
  if (error instanceof ApiError) {
    const name = (error.field && byField[error.field]) || byCode[error.code];
    if (name) return { fields: { [name]: error.message } as Partial<Record<Name, string>>, banner: null };
  }
  return { fields: {}, banner: error };
}

/** The text value of a form control by its name, trimmed (never use it for passwords). */
export function formText(form: HTMLFormElement, name: string): string {
  return formRaw(form, name).trim();
}

/** The value exactly as typed: passwords may begin or end with spaces. */
export function formRaw(form: HTMLFormElement, name: string): string {
  const value = new FormData(form).get(name);
  return typeof value === 'string' ? value : '';
}
