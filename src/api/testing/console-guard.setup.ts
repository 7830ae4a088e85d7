// Setup file of the node project: fail a test on an unexpected console.error or console.warn.
import { installConsoleGuard } from './console-guard';

installConsoleGuard();
