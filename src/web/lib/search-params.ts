// Filters that live in the URL, so the back button, deep links and bookmarks work. A feature
// declares a field table (one typed codec per search param); `searchParamCodec` turns it into a
// parse/serialize pair and `useSearchParamFilters` reads and writes it with React Router.
import { useSearchParams } from 'react-router-dom';

/** One search param: how to read it (anything unreadable gives `fallback`) and write it back. */
export interface Field<T> {
  /** The param's name in the URL. */
  param: string;
  /** The value when the param is missing or unreadable. Never written: defaults keep URLs short. */
  fallback: T;
  read(raw: string | null): T;
  /** The param's text, or null to leave it out of the URL. */
  write(value: T): string | null;
}

/** Free text, cut to `maxLength` (and trimmed if asked); '' is the default. */
export function textField(param: string, { maxLength, trim = false }: { maxLength: number; trim?: boolean }): Field<string> {
  return {
    param,
    fallback: '',
    read: (raw) => (trim ? (raw ?? '').trim() : (raw ?? '')).slice(0, maxLength),
    write: (value) => value || null,
  };
}

/** One of `values`; '' (the default) for anything else. */
export function enumField<const V extends string>(param: string, values: readonly V[]): Field<V | ''> {
  const known = (raw: string | null): raw is V => (values as readonly string[]).includes(raw ?? '');
  return {
    param,
    fallback: '',
    read: (raw) => (known(raw) ? raw : ''),
    write: (value) => value || null,
  };
}

/** A comma-separated list: items that do not match `item` are dropped, repeats too, and at most `max` kept. */
export function listField(param: string, { item, max }: { item: RegExp; max: number }): Field<string[]> {
  return {
    param,
    fallback: [],
    read: (raw) => {
      const items = (raw ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => item.test(s));
      return [...new Set(items)].slice(0, max);
    },
    write: (values) => (values.length ? values.join(',') : null),
  };
}

type IntegerBounds = { min: number; max: number } | { oneOf: readonly number[] };

/**
 * An integer: either within `min`..`max` (above `max` is read as `max`, below `min` as the
 * fallback), or one of `oneOf`.
 */
export function integerField(param: string, { fallback, ...bounds }: IntegerBounds & { fallback: number }): Field<number> {
  return {
    param,
    fallback,
    read: (raw) => {
      const n = Number(raw);
      if ('oneOf' in bounds) return bounds.oneOf.includes(n) ? n : fallback;
      return Number.isInteger(n) && n >= bounds.min ? Math.min(n, bounds.max) : fallback;
    },
    write: (value) => (value === fallback ? null : String(value)),
  };
}

/** An instant, read from ISO 8601 (any offset) and kept as ISO 8601 UTC; '' (the default) when unreadable. */
export function dateField(param: string): Field<string> {
  return {
    param,
    fallback: '',
    read: (raw) => {
      if (!raw) return '';
      const date = new Date(raw);
      return /^\d{4}-\d{2}-\d{2}T/.test(raw) && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
    },
    write: (value) => value || null,
  };
}

export const PAGE_SIZES = [10, 20, 50, 100] as const;
/** Keeps offset within what the console accepts (10,000 pages of 100 ≤ 1,000,000). */
const MAX_PAGE = 10_000;

/** `page`: 1-based, 1 by default. */
export const pageField = () => integerField('page', { min: 1, max: MAX_PAGE, fallback: 1 });
/** `size`: rows per page, one of PAGE_SIZES. */
export const pageSizeField = (fallback: (typeof PAGE_SIZES)[number]) => integerField('size', { oneOf: PAGE_SIZES, fallback });

export type FieldTable<T> = { [K in keyof T]: Field<T[K]> };

export interface SearchParamCodec<T> {
  fields: FieldTable<T>;
  /** The page field: changing any other field starts again at its first page. */
  page?: keyof T;
  /** Unreadable params become their defaults; unknown params are ignored. */
  parse: (params: URLSearchParams) => T;
  /** In the field table's order; defaults are left out. */
  serialize: (values: T) => URLSearchParams;
}

interface CodecOptions<T> {
  page?: keyof T;
  /** Rules between fields, applied after reading and before writing. */
  normalize?: (values: T) => T;
}

export function searchParamCodec<T extends object>(fields: FieldTable<T>, { page, normalize = (v) => v }: CodecOptions<T> = {}): SearchParamCodec<T> {
  const keys = Object.keys(fields) as (keyof T)[];
  return {
    fields,
    page,
    parse: (params) => {
      const values = {} as T;
      for (const key of keys) values[key] = fields[key].read(params.get(fields[key].param));
      return normalize(values);
    },
    serialize: (input) => {
      const values = normalize(input);
      const params = new URLSearchParams();
      for (const key of keys) {
        if (values[key] === undefined) continue;
        const text = fields[key].write(values[key]);
        if (text !== null) params.set(fields[key].param, text);
      }
      return params;
    },
  };
}

/**
 * The filters from the URL, and a setter that merges a patch into them. Each change pushes a
 * history entry (the back button undoes it), or replaces the current one with `replace`.
 */
export function useSearchParamFilters<T extends object>(codec: SearchParamCodec<T>, { replace = false }: { replace?: boolean } = {}) {
  const [searchParams, setSearchParams] = useSearchParams();
  const values = codec.parse(searchParams);
  const update = (patch: Partial<T>) =>
    setSearchParams(
      (current) => {
        const now = codec.parse(current);
        const page = codec.page;
        // Changing what matches, or its order or page size, starts again at the first page.
        const resetPage = page !== undefined && Object.entries(patch).some(([key, value]) => key !== page && value !== undefined);
        const first = resetPage ? ({ [page]: codec.fields[page].fallback } as Partial<T>) : {};
        return codec.serialize({ ...now, ...first, ...patch });
      },
      replace ? { replace } : undefined,
    );
  return [values, update] as const;
}
