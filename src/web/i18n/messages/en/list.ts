import type { Messages } from '../en';

export const list = {} satisfies Messages;
