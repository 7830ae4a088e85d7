import type { Catalog } from '../en';

export const stop: Catalog['stop'] = {};
