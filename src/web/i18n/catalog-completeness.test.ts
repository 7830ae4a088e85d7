// The Chinese catalogue is complete and faithful to the English one: every message translated
// (except names and symbols that read the same in both), the same {placeholders}, and plural
// messages with their `other` form. TypeScript already fails on a missing or extra key.
import { en as firstDownload, type Catalog, type Message } from './messages/en';
import { audit } from './messages/en/audit';
import { batchDialog } from './messages/en/batch-dialog';
import { overview } from './messages/en/overview';
import { stopDialog } from './messages/en/stop-dialog';
import { taskPage } from './messages/en/task-page';
import { zhCN } from './messages/zh-CN';

/** All of English: the first download and the namespaces pages bring on demand. */
const en: Catalog = { ...firstDownload, audit, taskPage, stopDialog, batchDialog, overview };

/**
 * Messages that are the same in Chinese on purpose: product and protocol names, units, symbols.
 * Compared after placeholders are removed, so "HTTP {status}" is listed as "HTTP".
 */
const SAME_IN_BOTH = new Set([
  'ID',
  'HTTP',
  'DCS',
  'Redis',
  'OBS',
  'VPC',
  'VPN',
  'ECS',
  'IP',
  'ops/s',
  'MB/s',
  'KB/s',
  'B',
  'KB',
  'MB',
  'GB',
  'TB',
  'PB',
]);

const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message));
const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const withoutPlaceholders = (text: string) => text.replace(/\{\w+\}/g, '').replace(/\s+/g, ' ').trim();

/** Every message of both catalogues: `namespace.key`, English, Chinese. */
function pairs(): [string, Message, Message][] {
  return Object.entries(en).flatMap(([namespace, messages]) =>
    Object.entries(messages as Record<string, Message>).map(([key, english]): [string, Message, Message] => [
      `${namespace}.${key}`,
      english,
      (zhCN[namespace as keyof typeof zhCN] as Record<string, Message>)[key]!,
    ]),
  );
}

describe('the Simplified Chinese catalogue', () => {
  it('has every key of the English one', () => {
    const missing = pairs()
      .filter(([, , chinese]) => chinese === undefined)
      .map(([id]) => id);
    expect(missing).toEqual([]);
  });

  it('translates every message, except names, units and symbols that read the same', () => {
    const untranslated = pairs()
      .filter(([, english, chinese]) => chinese !== undefined && forms(english).join('|') === forms(chinese).join('|'))
      .filter(([, english]) => forms(english).some((form) => /[A-Za-z]/.test(withoutPlaceholders(form)) && !SAME_IN_BOTH.has(withoutPlaceholders(form))))
      .map(([id, english]) => `${id}: ${JSON.stringify(english)}`);
    expect(untranslated).toEqual([]);
  });

  it('writes Chinese where the English has words (no English sentence left in a Chinese message)', () => {
    const english = pairs()
      .filter(([, , chinese]) => chinese !== undefined)
      .filter(([, , chinese]) => forms(chinese).some((form) => /\b[A-Za-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}\b/.test(withoutPlaceholders(form))))
      .map(([id, , chinese]) => `${id}: ${JSON.stringify(chinese)}`);
    expect(english).toEqual([]);
  });

  it('uses exactly the placeholders of the English message, in every plural form', () => {
    const mismatched: string[] = [];
    for (const [id, english, chinese] of pairs()) {
      if (chinese === undefined) continue;
      const expected = [...new Set(forms(english).flatMap(placeholders))].sort();
      for (const form of forms(chinese)) {
        const got = [...new Set(placeholders(form))].sort();
        // A plural form may leave {count} out ("one task"), never add or rename a placeholder.
        const extra = got.filter((name) => !expected.includes(name));
        const lost = expected.filter((name) => !got.includes(name) && !(name === 'count' && typeof chinese !== 'string'));
        if (extra.length > 0 || lost.length > 0) mismatched.push(`${id}: ${JSON.stringify(form)} (expected {${expected.join('}, {')}})`);
      }
    }
    expect(mismatched).toEqual([]);
  });

  it('gives `other` for every plural message, in both languages', () => {
    const withoutOther = [
      ...Object.entries(en).flatMap(([namespace, messages]) =>
        Object.entries(messages as Record<string, Message>).map(([key, message]) => ['en', `${namespace}.${key}`, message] as const),
      ),
      ...pairs().map(([id, , chinese]) => ['zh-CN', id, chinese] as const),
    ]
      .filter(([, , message]) => message !== undefined && typeof message !== 'string' && typeof message.other !== 'string')
      .map(([locale, id]) => `${locale} ${id}`);
    expect(withoutOther).toEqual([]);
  });

  it('makes a message plural only when it has a {count} to choose by', () => {
    const noCount = pairs()
      .flatMap(([id, english, chinese]) => [
        ['en', id, english],
        ['zh-CN', id, chinese],
      ] as const)
      .filter(([, , message]) => message !== undefined && typeof message !== 'string')
      .filter(([, , message]) => !forms(message).some((form) => form.includes('{count}')))
      .map(([locale, id]) => `${locale} ${id}`);
    expect(noCount).toEqual([]);
  });
});
