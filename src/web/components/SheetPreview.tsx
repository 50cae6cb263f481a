/** A read-only view of the sheet around a finding, with its cell marked, so the user sees it without Excel. */
import * as React from 'react';
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { Finding } from '../../core/findings';
import { colLetters } from '../../core/grid';
import { SEVERITY_FILL } from '../../core/severity';
import { SEVERITY_TEXT } from '../../taskpane/components/severity';
import type { CellWindow } from '../protocol';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', maxWidth: '100%', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, tableLayout: 'fixed' },
  head: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightRegular,
    padding: '2px 6px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    textAlign: 'center',
    whiteSpace: 'nowrap',
  },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '2px 6px',
    maxWidth: '16em',
    minWidth: '3em',
    verticalAlign: 'top',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    color: tokens.colorNeutralForeground1,
  },
  clip: { display: '-webkit-box', WebkitLineClamp: '4', WebkitBoxOrient: 'vertical', overflow: 'hidden' },
  marked: { outline: '2px solid #C00000', outlineOffset: '-2px', color: '#000000' },
  hidden: { opacity: 0.45 },
});

export function SheetPreview({ window: w, finding }: { window: CellWindow; finding: Finding }): React.ReactElement {
  const styles = useStyles();
  const rows = w.cells.length;
  const cols = rows ? w.cells[0].length : 0;
  // merged areas: the first visible cell of an area carries its spans, the others are skipped
  const covered = new Set<string>();
  const spans = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of w.merges) {
    const top = Math.max(m.top, w.top);
    const left = Math.max(m.left, w.left);
    const bottom = Math.min(m.bottom, w.top + rows - 1);
    const right = Math.min(m.right, w.left + cols - 1);
    spans.set(`${top},${left}`, { rowSpan: bottom - top + 1, colSpan: right - left + 1 });
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) if (r !== top || c !== left) covered.add(`${r},${c}`);
  }
  const hiddenRows = new Set(w.hiddenRows);
  const hiddenCols = new Set(w.hiddenCols);
  const inFinding = (r: number, c: number, span?: { rowSpan: number; colSpan: number }) =>
    finding.row >= r && finding.row < r + (span?.rowSpan ?? 1) && finding.col >= c && finding.col < c + (span?.colSpan ?? 1);
  return (
    <figure style={{ margin: 0 }} data-testid="preview">
      <Caption1 as="p" style={{ margin: '0 0 4px' }}>
        {w.sheet}!{finding.cell}（{SEVERITY_TEXT[finding.severity]}）：{finding.message}
      </Caption1>
      <div className={styles.wrap}>
        <table className={styles.table} aria-label={`工作表“${w.sheet}”中 ${finding.cell} 附近的单元格`}>
          <thead>
            <tr>
              <th className={styles.head} scope="col" aria-label="行号" />
              {Array.from({ length: cols }, (_, k) => (
                <th key={k} scope="col" className={styles.head} style={hiddenCols.has(w.left + k) ? { opacity: 0.45 } : undefined}>
                  {colLetters(w.left + k)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {w.cells.map((line, i) => {
              const r = w.top + i;
              return (
                <tr key={r} className={hiddenRows.has(r) ? styles.hidden : undefined}>
                  <th scope="row" className={styles.head}>
                    {r + 1}
                  </th>
                  {line.map((text, k) => {
                    const c = w.left + k;
                    if (covered.has(`${r},${c}`)) return null;
                    const span = spans.get(`${r},${c}`);
                    const marked = inFinding(r, c, span);
                    return (
                      <td
                        key={c}
                        rowSpan={span?.rowSpan}
                        colSpan={span?.colSpan}
                        className={marked ? `${styles.cell} ${styles.marked}` : styles.cell}
                        style={marked ? { backgroundColor: SEVERITY_FILL[finding.severity] } : undefined}
                        title={text.length > 60 ? text : undefined}
                        data-cell={marked ? finding.cell : undefined}
                      >
                        <span className={styles.clip}>{text}</span>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
