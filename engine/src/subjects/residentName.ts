import { maskName } from '@formwork/definitions';
import type { PersonalDataCipher } from '../security/PersonalDataCipher.js';
import { nameInitials } from './residentNumbers.js';

/** Encryption context of `subjects.name_enc` (a ciphertext moved to another column fails). */
export const NAME_CONTEXT = 'subjects.name';
/** Purposes of the keyed hashes in `subjects.name_lookup`: prefixes of the name, of its initials. */
export const NAME_PREFIX_PURPOSE = 'resident-name-prefix';
export const INITIALS_PREFIX_PURPOSE = 'resident-initials-prefix';
/**
 * The longest prefix hashed (in characters). A longer search text is looked up by its first
 * `NAME_PREFIX_CAP` characters, and the residents found are then compared after decryption.
 */
export const NAME_PREFIX_CAP = 16;
/** Hex characters kept of each HMAC-SHA256 (128 bits): collisions are negligible, rows half as big. */
const HASH_HEX = 32;

/** What a name is compared as: NFC, trimmed (as the cipher's lookup hashes normalize it). */
const normalized = (text: string) => text.normalize('NFC').trim();

/** The columns that hold a resident's name: never the name itself. */
export interface SealedName {
  /** `name_enc`: the name as typed, a PersonalDataCipher envelope. */
  nameEnc: string;
  /** `name_lookup`: keyed hashes of every prefix of the name and of its pinyin initials. */
  nameLookup: string[];
}

/** How a name is searched: by its own prefix or by the prefix of its pinyin initials. */
export type NameSearchBy = 'name' | 'initials';

function prefixes(text: string): string[] {
  const chars = Array.from(normalized(text)).slice(0, NAME_PREFIX_CAP);
  return chars.map((_, i) => chars.slice(0, i + 1).join(''));
}

/** What is searched for, normalized: the name as typed, or its initials in lower case. */
function searchText(by: NameSearchBy, value: string): string {
  return by === 'name' ? normalized(value) : normalized(value).toLowerCase();
}

const purposeOf = (by: NameSearchBy) =>
  by === 'name' ? NAME_PREFIX_PURPOSE : INITIALS_PREFIX_PURPOSE;

/**
 * The one place a resident's name becomes stored columns: the envelope and the blind index of
 * its prefixes (name and pinyin initials, each up to `NAME_PREFIX_CAP` characters), keyed with
 * the current data key. Used by registration, renaming, the seed generator and the start step
 * that seals names stored in clear by earlier versions.
 */
export function sealName(cipher: PersonalDataCipher, name: string): SealedName {
  const lookup = new Set<string>();
  for (const [by, text] of [
    ['name', name],
    ['initials', nameInitials(name)],
  ] as const) {
    for (const prefix of prefixes(text))
      lookup.add(cipher.lookupHash(prefix, purposeOf(by)).slice(0, HASH_HEX));
  }
  return { nameEnc: cipher.encrypt(name, NAME_CONTEXT), nameLookup: [...lookup] };
}

/**
 * The hashes a search for `value` matches in `name_lookup`: its first `NAME_PREFIX_CAP`
 * characters under every key of the keyring (residents sealed before a key rotation are found).
 */
export function nameLookupCandidates(
  cipher: PersonalDataCipher,
  by: NameSearchBy,
  value: string,
): string[] {
  const text = Array.from(searchText(by, value)).slice(0, NAME_PREFIX_CAP).join('');
  return cipher.lookupHashCandidates(text, purposeOf(by)).map((hash) => hash.slice(0, HASH_HEX));
}

/** True when the decrypted `name` starts with `value` (or its initials do): the final check. */
export function nameMatches(name: string, by: NameSearchBy, value: string): boolean {
  const wanted = searchText(by, value);
  return (by === 'name' ? normalized(name) : nameInitials(name)).startsWith(wanted);
}

/**
 * A stored resident's name: decrypted from `name_enc`, or `name` itself for a row an earlier
 * version wrote in clear that the start step has not sealed yet.
 */
export function openName(
  cipher: PersonalDataCipher,
  row: { name_enc: string | null; name: string | null },
): string {
  if (row.name_enc) return cipher.decrypt(row.name_enc, NAME_CONTEXT);
  return row.name ?? '';
}

/** A resident's name as one reader is shown it, and whether it was masked for them. */
export interface ShownName {
  name: string;
  masked: boolean;
}

/**
 * A stored resident's name as a reader is shown it: in clear to whoever may read the resident's
 * record (`readable`: records.read over their institution, as GET /api/subjects/:id serves it),
 * else masked as personal names are everywhere (`陈**`, definitions' maskName) — e.g. a clinician
 * whose task is about a resident who has since moved out of the area they may read records of.
 */
export function shownName(
  cipher: PersonalDataCipher,
  row: { name_enc: string | null; name: string | null },
  readable: boolean,
): ShownName {
  const name = openName(cipher, row);
  return readable ? { name, masked: false } : { name: maskName(name), masked: true };
}
