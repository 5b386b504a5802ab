/** The server's rule (crates/domain Password), said once for every form that sets a password. */
export const PASSWORD_HINT = 'At least 8 characters, with an uppercase letter, a lowercase letter and a digit.';
