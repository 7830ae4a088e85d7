import type { Catalog } from '../en';

export const list: Catalog['list'] = {};
