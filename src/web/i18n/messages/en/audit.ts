import type { Messages } from '../en';

export const audit = {} satisfies Messages;
