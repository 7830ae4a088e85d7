import type { Catalog } from '../en';

export const shell: Catalog['shell'] = {};
