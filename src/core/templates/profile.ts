/** Guessing the indicator hierarchy (LOCAL or C2021) a parsed table follows. Pure TypeScript. */
import type { Table } from '../model';
import type { TemplateProfile } from './library';

const C2021_ONLY = new Set(['经济成本指标', '社会成本指标', '生态环境成本指标']);
const LOCAL_ONLY = new Set(['可持续影响指标']);

/**
 * LOCAL when the table has 成本指标 under 产出指标 or a 可持续影响指标; C2021 when it has the
 * 2021 cost 二级 (经济成本指标, ...); null when the table does not tell.
 */
export function detectProfile(table: Table): TemplateProfile | null {
  let local = 0;
  let c2021 = 0;
  const seen = (l1: string | null, l2: string | null) => {
    if (l2 && C2021_ONLY.has(l2)) c2021++;
    if (l2 && LOCAL_ONLY.has(l2)) local++;
    if (l1 === '产出指标' && l2 === '成本指标') local++;
  };
  for (const c of table.categories ?? []) if (c.level === 2) seen(c.parent, c.canonical);
  for (const i of table.indicators) seen(i.level1, i.level2);
  if (c2021 > local) return 'C2021';
  if (local > c2021) return 'LOCAL';
  return null;
}
