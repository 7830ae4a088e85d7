import { LIST_SORTS } from '../../../../api/rules';
import { readListFilters, toListParams, writeListFilters } from './list-search-params';

describe('list sort in the URL', () => {
  it.each(LIST_SORTS)('round-trips sort=%s and sends it', (sort) => {
    const filters = readListFilters(new URLSearchParams(`sort=${sort}&page=2`));
    expect(filters.sort).toBe(sort);
    expect(writeListFilters(filters).toString()).toBe(`page=2&sort=${sort}`);
    expect(toListParams(filters)).toMatchObject({ sort, offset: 10 });
  });

  it('keeps the cloud order for a missing or unknown sort, and leaves it out of the URL and the request', () => {
    for (const query of ['', 'sort=', 'sort=created', 'sort=NAME_ASC', 'sort=__proto__']) {
      const filters = readListFilters(new URLSearchParams(query));
      expect(filters.sort).toBe('');
      expect(writeListFilters(filters).has('sort')).toBe(false);
      expect(toListParams(filters)).not.toHaveProperty('sort', expect.anything());
    }
  });
});
