import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { MemoryRouter, useLocation, useNavigationType } from 'react-router-dom';
import {
  dateField,
  enumField,
  integerField,
  listField,
  pageField,
  pageSizeField,
  searchParamCodec,
  textField,
  useSearchParamFilters,
} from './search-params';

interface Filters {
  q: string;
  kinds: string[];
  color: 'red' | 'blue' | '';
  since: string;
  page: number;
  size: number;
  level: number;
}

const codec = searchParamCodec<Filters>(
  {
    q: textField('query', { maxLength: 8, trim: true }),
    kinds: listField('kinds', { item: /^[a-z]{1,5}$/, max: 3 }),
    color: enumField('color', ['red', 'blue']),
    since: dateField('since'),
    page: pageField(),
    size: pageSizeField(20),
    level: integerField('level', { min: 0, max: 5, fallback: 0 }),
  },
  { page: 'page' },
);
const parse = (search: string) => codec.parse(new URLSearchParams(search));

describe('search param codec', () => {
  it('round-trips, in the field table order, whatever order the URL had', () => {
    const search = 'query=abc&kinds=x%2Cyy&color=blue&since=2025-11-20T08%3A00%3A00.000Z&page=3&size=50&level=2';
    expect(codec.serialize(parse(search)).toString()).toBe(search);
    expect(codec.serialize(parse('level=2&query=abc')).toString()).toBe('query=abc&level=2');
  });

  it('leaves defaults out of the URL', () => {
    expect(parse('')).toEqual({ q: '', kinds: [], color: '', since: '', page: 1, size: 20, level: 0 });
    expect(codec.serialize(parse('')).toString()).toBe('');
    expect(codec.serialize(parse('page=1&size=20&level=0&color=&kinds=&query=')).toString()).toBe('');
  });

  it('drops what it cannot read, and unknown params', () => {
    expect(parse('color=green&since=yesterday&page=-2&size=7&level=x&other=1')).toEqual(parse(''));
    expect(parse('kinds=a,BAD,a,bad value,b,c,d').kinds).toEqual(['a', 'b', 'c']);
    expect(parse('query=%20%20abc%20').q).toBe('abc');
    expect(parse('query=abcdefghij').q).toBe('abcdefgh');
    expect(parse('color=__proto__').color).toBe('');
    expect(parse('page=2.5').page).toBe(1);
  });

  it('bounds integers: above the maximum is the maximum, a size must be one of the choices', () => {
    expect(parse('page=99999').page).toBe(10_000);
    expect(parse('level=9').level).toBe(5);
    expect(parse('size=100').size).toBe(100);
    expect(parse('size=30').size).toBe(20);
  });

  it('reads an instant with any offset as ISO 8601 UTC', () => {
    expect(parse('since=2025-11-20T10:00:00%2B02:00').since).toBe('2025-11-20T08:00:00.000Z');
    expect(parse('since=2025-11-20').since).toBe('');
  });

  it('applies rules between fields when reading and writing', () => {
    const exclusive = searchParamCodec<Pick<Filters, 'color' | 'since'>>(
      { color: enumField('color', ['red', 'blue']), since: dateField('since') },
      { normalize: (f) => (f.color ? { ...f, since: '' } : f) },
    );
    expect(exclusive.parse(new URLSearchParams('color=red&since=2025-11-20T08:00:00Z'))).toEqual({ color: 'red', since: '' });
    expect(exclusive.serialize({ color: 'red', since: '2025-11-20T08:00:00.000Z' }).toString()).toBe('color=red');
  });
});

describe('useSearchParamFilters', () => {
  const setup = (url: string, options?: { replace?: boolean }) =>
    renderHook(() => ({ filters: useSearchParamFilters(codec, options), location: useLocation(), navigation: useNavigationType() }), {
      wrapper: ({ children }: { children: ReactNode }) => createElement(MemoryRouter, { initialEntries: [url] }, children),
    });

  it('reads the URL, and a change pushes a history entry that starts again at page 1', () => {
    const { result } = setup('/?query=abc&page=3');
    expect(result.current.filters[0]).toMatchObject({ q: 'abc', page: 3 });
    act(() => result.current.filters[1]({ color: 'red' }));
    expect(result.current.location.search).toBe('?query=abc&color=red');
    expect(result.current.navigation).toBe('PUSH');
    act(() => result.current.filters[1]({ page: 4 }));
    expect(result.current.location.search).toBe('?query=abc&color=red&page=4');
  });

  it('replaces the history entry when asked', () => {
    const { result } = setup('/?page=2', { replace: true });
    act(() => result.current.filters[1]({ page: 5 }));
    expect(result.current.location.search).toBe('?page=5');
    expect(result.current.navigation).toBe('REPLACE');
  });
});
