/** Names a rule over a record sees beside the record's fields: never fields of a form. */
const RESERVED = /^\/(parameters|enrollment|anchor)(\/|$)/;

export const isReservedPath = (pointer: string) => RESERVED.test(pointer);

/** '/recent/0/classification' → '/classification': a suggestion's view of its records. */
export const stripRecent = (pointer: string) => pointer.replace(/^\/recent(?:\/\d+)?(?=\/|$)/, '');
