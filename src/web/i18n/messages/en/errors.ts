import type { Messages } from '../en';

export const errors = {} satisfies Messages;
