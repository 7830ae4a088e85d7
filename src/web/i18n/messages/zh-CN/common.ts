import type { Catalog } from '../en';

export const common: Catalog['common'] = {};
