/** The server's slug rule (crates/domain/src/slug.rs), said once for both forms that set one. */
export const SLUG_RULE = 'Lower-case letters, digits and single dashes, up to 60 characters.';

/** On creation the slug may be left out: the server makes one from the name. */
export const NEW_SLUG_HINT = `${SLUG_RULE} Left empty, it is made from the name.`;
