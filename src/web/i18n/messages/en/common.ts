import type { Messages } from '../en';

export const common = {} satisfies Messages;
