import type { Messages } from '../en';

export const stop = {} satisfies Messages;
