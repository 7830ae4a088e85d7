// Free text people type (stop reasons, search terms) and names from the identity provider: which
// characters they may not hold. No zod here: the browser checks typed text with the same rule.

/**
 * Controls (Cc: tab and line breaks included), format characters (Cf: zero-width space, BOM, soft
 * hyphen and every bidirectional control: U+061C, U+200E/F, U+202A–202E, U+2066–2069) and line and
 * paragraph separators (Zl, Zp): invisible, or able to break a log line or reorder what is shown.
 * The zero-width (non-)joiners U+200C/U+200D are let through: Persian, Indic scripts and emoji
 * sequences need them, and they neither break nor reorder a line.
 */
export const INVISIBLE_CHARACTER = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export interface InvisibleCharacter {
  /** e.g. `U+2028`. */
  codePoint: string;
  /** Counted in characters (code points) from 1, in the text as given. */
  position: number;
}

/**
 * The first such character of `text`, or null. With `trimmed`, tabs, line breaks and spaces at
 * either end are let through: the field is trimmed, so they are never kept.
 */
export function findInvisible(text: string, trimmed = false): InvisibleCharacter | null {
  const core = trimmed ? text.replace(/^[\t\n\r ]+/, '') : text;
  const start = text.length - core.length;
  const chars = Array.from(trimmed ? core.replace(/[\t\n\r ]+$/, '') : core);
  const index = chars.findIndex((char) => INVISIBLE_CHARACTER.test(char));
  return index < 0 ? null : { codePoint: codePointOf(chars[index]!), position: start + index + 1 };
}

/** `U+` and at least four upper-case hex digits: how a refused character is named, never quoted raw. */
export function codePointOf(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
