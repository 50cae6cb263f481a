/** The rows an insertion adds: the block's rows, or those planned for the table at the cursor, with their slots. */
import * as React from 'react';
import { Checkbox, Caption1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import { materializeBlock } from '../../core/templates/library';
import { useStyles } from './styles';
import type { TemplatePanelState } from './useTemplatePanel';

interface Row {
  level1: string;
  level2: string;
  name: string;
  text: string;
  slot: boolean;
  expected?: string;
}

/** The 指标值 cell of a preview row: a slot (with its hint, example or proposal) or the value written. */
function ValueCell({
  r,
  p,
  example,
  computed,
}: {
  r: Row;
  p: TemplatePanelState;
  example?: string;
  computed: boolean;
}): React.ReactElement {
  const styles = useStyles();
  const { tablePreview } = p;
  const proposal = p.proposals.find((x) => x.name === r.name);
  if (r.slot && !tablePreview && computed) return <span className={styles.muted}>按本表年度资金总额填写（{r.expected}）</span>;
  if (r.slot && proposal)
    return (
      <span className={styles.proposal}>
        建议 {proposal.text}（{proposal.source}）
      </span>
    );
  if (r.slot)
    return (
      <>
        <span className={styles.slot}>待填写（{r.expected}）</span>
        {!tablePreview && example ? <span className={styles.muted}> 例 {example}</span> : null}
      </>
    );
  if (r.text)
    return (
      <>
        {r.text}
        {computed ? <span className={styles.muted}>（按年度资金总额）</span> : null}
      </>
    );
  return <span className={styles.slot}>按本表年度资金总额填写</span>;
}

export function Preview({ p }: { p: TemplatePanelState }): React.ReactElement {
  const styles = useStyles();
  const { tablePreview, proposals } = p;
  const staticRows = p.block ? materializeBlock(p.block, p.previewProfile, { budget: null }) : [];
  const exampleOf = new Map(staticRows.map((r) => [r.name, r.example]));
  const computedOf = new Set(staticRows.filter((r) => r.computed).map((r) => r.name));
  const rows: Row[] = (tablePreview ? tablePreview.added : staticRows).map((r) => ({
    level1: r.level1,
    level2: r.level2,
    name: r.name,
    text: r.text,
    slot: r.slot,
    expected: r.expected,
  }));
  return (
    <>
      <Text weight="semibold">{tablePreview ? `将插入当前表的行（${tablePreview.tableName || '未命名表'}）` : '将插入的行（预览）'}</Text>
      <Table size="extra-small" aria-label="将插入的指标" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>一级/二级</TableHeaderCell>
            <TableHeaderCell>三级指标</TableHeaderCell>
            <TableHeaderCell>指标值</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={`${r.level1}/${r.level2}/${r.name}`}>
              <TableCell>
                {r.level1}／{r.level2}
              </TableCell>
              <TableCell>{r.name}</TableCell>
              <TableCell>
                <ValueCell r={r} p={p} example={exampleOf.get(r.name)} computed={computedOf.has(r.name)} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {proposals.length > 0 ? (
        <Checkbox
          checked={p.acceptProposals}
          onChange={(_, d) => p.setAcceptProposals(d.checked === true)}
          label={`按建议值填写这 ${proposals.length} 个指标值（取自本表的绩效目标，请核对；不勾选则留空待填写）`}
        />
      ) : null}
      {tablePreview && tablePreview.skipped.length > 0 ? (
        <Caption1 className={styles.muted}>已有、不再插入：{tablePreview.skipped.map((s) => s.name).join('、')}</Caption1>
      ) : null}
    </>
  );
}
