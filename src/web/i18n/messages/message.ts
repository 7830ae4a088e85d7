// The shapes of a catalogue's messages, types only. The English files (en/*.ts) check themselves
// against Messages here rather than importing en.ts, which imports them (no import cycle).

/** Plural forms by Intl.PluralRules category; `other` is always required. */
export interface PluralMessage {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}
export type Message = string | PluralMessage;
export type Messages = Record<string, Message>;
