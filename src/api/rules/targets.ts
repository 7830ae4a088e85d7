// Target values the browser needs at run time (no zod here: the browser bundle stays light).
export const TARGET_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
export const TARGET_ID_RULE = 'lower-case letters, digits and "-", 1–32 characters';
