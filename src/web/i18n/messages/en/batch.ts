import type { Messages } from '../en';

export const batch = {} satisfies Messages;
