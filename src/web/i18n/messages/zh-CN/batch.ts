import type { Catalog } from '../en';

export const batch: Catalog['batch'] = {};
