import type { Messages } from '../en';

export const session = {} satisfies Messages;
