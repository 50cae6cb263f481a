/** Severity facts for the task pane's components, from the core's one module (core/severity). */
import type { Severity } from '../../core/findings';
import { SEVERITIES, SEVERITY_BADGE, SEVERITY_LABEL } from '../../core/severity';

export const SEVERITY_ORDER: readonly Severity[] = SEVERITIES;
export const SEVERITY_TEXT: Readonly<Record<Severity, string>> = SEVERITY_LABEL;
export { SEVERITY_BADGE };
