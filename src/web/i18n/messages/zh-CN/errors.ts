import type { Catalog } from '../en';

export const errors: Catalog['errors'] = {};
