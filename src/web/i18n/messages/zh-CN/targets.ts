import type { Catalog } from '../en';

export const targets: Catalog['targets'] = {};
