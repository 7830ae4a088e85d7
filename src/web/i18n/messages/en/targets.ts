import type { Messages } from '../en';

export const targets = {} satisfies Messages;
