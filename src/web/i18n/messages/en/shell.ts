import type { Messages } from '../en';

export const shell = {} satisfies Messages;
