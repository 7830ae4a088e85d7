// The task page brings the English of its own texts (the `taskPage` namespace) with it, so the
// first download does not carry them. Imported (for this effect) by the page's modules that show
// text, so the messages are registered before anything renders.
import { registerEnglish } from '../../../i18n';
import { taskPage } from '../../../i18n/messages/en/task-page';

registerEnglish('taskPage', taskPage);
