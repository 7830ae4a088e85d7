import type { Messages } from '../en';

export const task = {} satisfies Messages;
