/**
 * axe-core in the page under test: the violations of serious or critical impact in our own markup (rules and
 * nodes as axe reports them), for the browser tests to assert none.
 */
import { readFileSync } from 'fs';
import type { Page } from 'playwright-core';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeIssue {
  id: string;
  impact: string;
  targets: string[];
  summary: string;
}

export async function seriousViolations(page: Page, root = 'body'): Promise<AxeIssue[]> {
  // evaluated through the DevTools protocol: the page's CSP (no inline script) does not apply
  await page.evaluate(AXE);
  return page.evaluate(async (sel) => {
    type Result = {
      violations: { id: string; impact: string | null; nodes: { target: string[]; failureSummary?: string; html: string }[] }[];
    };
    const axe = (window as unknown as { axe: { run(ctx: object, opts: object): Promise<Result> } }).axe;
    // Fluent UI's focus manager (Tabster) puts focusable, aria-hidden <i data-tabster-dummy> sentinels at the edges
    // of focus groups, by design: the library's markup, not ours
    const r = await axe.run({ include: [[sel]], exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)}`),
        summary: v.nodes[0]?.failureSummary ?? '',
      }));
  }, root);
}
