// What each error code means for the operator, in plain language and the interface's language
// (the `errors` catalogue holds one explanation per code: console, stop-when-caught-up and the
// codes the page makes itself).
import { translate } from '../i18n';
import { en } from '../i18n/messages/en';

type ErrorKey = keyof typeof en.errors;

const isCode = (code: string): code is ErrorKey => /^[A-Z][A-Z_]+$/.test(code) && Object.hasOwn(en.errors, code);

export function errorHint(code: string): string | null {
  return isCode(code) ? translate('errors', code) : null;
}
