import { Group, NativeSelect, Pagination, Text } from '@mantine/core';
import { useT } from '../../../i18n';
import { PAGE_SIZES } from '../../../lib/search-params';

const CONTROL_KEYS = { first: 'pageFirst', previous: 'pagePrevious', next: 'pageNext', last: 'pageLast' } as const;

interface ListPaginationProps {
  count: number;
  page: number;
  size: number;
  onPageChange: (page: number) => void;
  onSizeChange: (size: number) => void;
}

export function ListPagination({ count, page, size, onPageChange, onSizeChange }: ListPaginationProps) {
  const t = useT('list');
  const pages = Math.max(1, Math.ceil(count / size));
  const first = count === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(count, page * size);
  return (
    <Group justify="space-between" wrap="wrap" gap="md">
      <Text size="sm" c="dimmed" aria-live="polite">
        {count > 0 && first <= count ? t('showingRange', { first, last, count }) : t('totalCount', { count })}
      </Text>
      <Group gap="md" wrap="wrap">
        <NativeSelect
          label={t('rowsPerPage')}
          size="xs"
          data={PAGE_SIZES.map(String)}
          value={String(size)}
          onChange={(event) => onSizeChange(Number(event.currentTarget.value))}
          styles={{ root: { display: 'flex', alignItems: 'center', gap: 8 } }}
        />
        <nav aria-label={t('pagination')}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onPageChange}
            size="sm"
            withEdges
            getItemProps={(p) => ({ 'aria-label': t('pageNumber', { page: p }), 'aria-current': p === page ? 'page' : undefined })}
            getControlProps={(control) => ({ 'aria-label': t(CONTROL_KEYS[control]) })}
          />
        </nav>
      </Group>
    </Group>
  );
}
