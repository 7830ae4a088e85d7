import type { Catalog } from '../en';

export const session: Catalog['session'] = {};
