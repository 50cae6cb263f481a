/**
 * Imported first by the task pane entry: our Content-Security-Policy forbids eval, so zod must not
 * even probe for it (its JIT parser tries `new Function`, which the browser reports as a violation).
 */
import { config } from 'zod';

config({ jitless: true });
