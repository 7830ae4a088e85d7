// Which characters free text may not hold, and how a refused one is named: the browser and the
// server apply this one rule, so the dialog says exactly what the server would refuse.
import { describe, expect, it } from 'vitest';
import { describeInvisible, showInvisible, stripInvisible } from '../text';
import { findInvisible } from './text';

describe('findInvisible', () => {
  it.each([
    ['cut\u2028over', 'U+2028', 4],
    ['cut\u2029over', 'U+2029', 4],
    ['zero\u200Bwidth', 'U+200B', 5],
    ['mark\u200E', 'U+200E', 5],
    ['\u200Fmark', 'U+200F', 1],
    ['arabic \u061C mark', 'U+061C', 8],
    ['\uFEFFbom', 'U+FEFF', 1],
    ['evil\u202Etxt.exe', 'U+202E', 5],
    ['isolate \u2066x\u2069', 'U+2066', 9],
    ['bell\u0007', 'U+0007', 5],
    ['soft\u00ADhyphen', 'U+00AD', 5],
    ['next\u0085line', 'U+0085', 5],
    ['tag \u{E0041}', 'U+E0041', 5],
    ['first\nsecond', 'U+000A', 6],
    ['tab\there', 'U+0009', 4],
    // Positions count characters, not UTF-16 units: the emoji before it is one.
    ['🚀\u2028', 'U+2028', 2],
  ])('%#: %s at position %i', (text, codePoint, position) => {
    expect(findInvisible(text)).toEqual({ codePoint, position });
  });

  it.each(['planned maintenance', '中文原因：切换完成', 'café, naïve, Ångström', '🚀 done', '👩\u200D💻 by the on-call', 'می\u200Cخواهم', 'non-breaking\u00A0space', '全角\u3000空格', ''])(
    'lets ordinary text through: %s',
    (text) => {
      expect(findInvisible(text)).toBeNull();
      expect(findInvisible(text, true)).toBeNull();
    },
  );

  it('trimmed: tabs, line breaks and spaces at the ends are let through, not inside, nor other characters at the ends', () => {
    expect(findInvisible('\n\t reason \r\n', true)).toBeNull();
    expect(findInvisible('\n\t reason \r\n')).toEqual({ codePoint: 'U+000A', position: 1 });
    expect(findInvisible(' \tone\ttwo ', true)).toEqual({ codePoint: 'U+0009', position: 6 });
    expect(findInvisible(' reason\u2028', true)).toEqual({ codePoint: 'U+2028', position: 8 });
    expect(findInvisible('\uFEFF reason', true)).toEqual({ codePoint: 'U+FEFF', position: 1 });
  });
});

describe('naming, showing and stripping', () => {
  it('names a refused character by code point and name, never raw', () => {
    const message = describeInvisible(findInvisible('cut-\u2028over')!);
    expect(message).toBe('contains an invisible or control character: U+2028 (LINE SEPARATOR) at position 5');
    expect(describeInvisible({ codePoint: 'U+0001', position: 1 })).toContain('U+0001 (a control character)');
    expect(describeInvisible({ codePoint: 'U+E0041', position: 1 })).toContain('U+E0041 (a format character)');
  });

  it('shows each such character as its code point', () => {
    expect(showInvisible('a\u2028b\u202Ec')).toBe('aU+2028bU+202Ec');
  });

  it('strips them from a name, keeping letters, joiners and ordinary spaces', () => {
    expect(stripInvisible('\u202Eal\u200Bice\u2028 \uFEFFSmith\u0007')).toBe('alice Smith');
    expect(stripInvisible('张伟 👩\u200D💻 José')).toBe('张伟 👩\u200D💻 José');
  });
});
