// Free text people send is refused when it holds an invisible or control character
// (rules/text.ts), with a message naming the character by code point and name: the raw character
// is never quoted back, so it cannot reach a log line through the message either. Names from the
// identity provider are not refused but cleaned (stripInvisible).
import type { z } from 'zod';
import { codePointOf, findInvisible, INVISIBLE_CHARACTER, type InvisibleCharacter } from './rules/text';

export * from './rules/text';

// The ones people meet (pasted from documents, chat, spreadsheets); the rest get their category.
const NAMES: Record<string, string> = {
  'U+0000': 'NULL',
  'U+0007': 'BELL',
  'U+0008': 'BACKSPACE',
  'U+0009': 'CHARACTER TABULATION',
  'U+000A': 'LINE FEED',
  'U+000B': 'LINE TABULATION',
  'U+000C': 'FORM FEED',
  'U+000D': 'CARRIAGE RETURN',
  'U+001B': 'ESCAPE',
  'U+007F': 'DELETE',
  'U+0085': 'NEXT LINE',
  'U+00AD': 'SOFT HYPHEN',
  'U+061C': 'ARABIC LETTER MARK',
  'U+180E': 'MONGOLIAN VOWEL SEPARATOR',
  'U+200B': 'ZERO WIDTH SPACE',
  'U+200E': 'LEFT-TO-RIGHT MARK',
  'U+200F': 'RIGHT-TO-LEFT MARK',
  'U+2028': 'LINE SEPARATOR',
  'U+2029': 'PARAGRAPH SEPARATOR',
  'U+202A': 'LEFT-TO-RIGHT EMBEDDING',
  'U+202B': 'RIGHT-TO-LEFT EMBEDDING',
  'U+202C': 'POP DIRECTIONAL FORMATTING',
  'U+202D': 'LEFT-TO-RIGHT OVERRIDE',
  'U+202E': 'RIGHT-TO-LEFT OVERRIDE',
  'U+2060': 'WORD JOINER',
  'U+2066': 'LEFT-TO-RIGHT ISOLATE',
  'U+2067': 'RIGHT-TO-LEFT ISOLATE',
  'U+2068': 'FIRST STRONG ISOLATE',
  'U+2069': 'POP DIRECTIONAL ISOLATE',
  'U+FEFF': 'ZERO WIDTH NO-BREAK SPACE',
};

/** e.g. `U+2028 (LINE SEPARATOR)`. */
export function nameOf(codePoint: string): string {
  const value = String.fromCodePoint(parseInt(codePoint.slice(2), 16));
  const name = NAMES[codePoint] ?? (/\p{Cc}/u.test(value) ? 'a control character' : /\p{Cf}/u.test(value) ? 'a format character' : 'a separator');
  return `${codePoint} (${name})`;
}

export function describeInvisible(found: InvisibleCharacter): string {
  return `contains an invisible or control character: ${nameOf(found.codePoint)} at position ${found.position}`;
}

/**
 * A zod check (`.superRefine(refuseInvisible())`) refusing free text that holds such a character.
 * `trimmed`: the field is trimmed, so tabs, line breaks and spaces at its ends are let through.
 */
export function refuseInvisible(trimmed = false) {
  return (value: string, ctx: z.RefinementCtx<string>): void => {
    const found = findInvisible(value, trimmed);
    if (found) ctx.addIssue({ code: 'custom', message: describeInvisible(found) });
  };
}

const EVERY_INVISIBLE = new RegExp(INVISIBLE_CHARACTER.source, 'gu');

/** Text without such characters: for names the identity provider asserts (shown and recorded, never refused). */
export function stripInvisible(text: string): string {
  return text.replace(EVERY_INVISIBLE, '');
}

/** Text fit to quote in an error message or a log line: each such character becomes its code point. */
export function showInvisible(text: string): string {
  return text.replace(EVERY_INVISIBLE, codePointOf);
}
