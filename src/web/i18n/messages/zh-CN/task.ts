import type { Catalog } from '../en';

export const task: Catalog['task'] = {};
