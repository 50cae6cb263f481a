/**
 * "插入模板" tab: pick a project type, preview the rows, insert them into the table at the cursor,
 * then see only the values left to fill. Also creates whole blank tables (layout A/B/D).
 */
import * as React from 'react';
import {
  Button,
  Caption1,
  Checkbox,
  Divider,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { Finding } from '../../core/findings';
import { BLANK_LAYOUTS, type BlankLayout, LAYOUT_LABEL } from '../../core/templates/blank';
import { type TemplateProfile, getLibrary, listBlocks, materializeBlock, searchIndicators } from '../../core/templates/library';
import {
  BLANK_AT_SELECTION_NEEDS_MERGES,
  INSERT_NEEDS_MERGES,
  type InsertOutcome,
  type ProfileChoice,
  type SuggestOutcome,
  insertBlankTable,
  insertBlockAtSelection,
  previewAtSelection,
  recheckTable,
  suggestAtSelection,
} from '../../adapters/office/templates';
import { describeError } from '../../adapters/office/errors';
import { officeEnv } from '../../adapters/office/context';
import { selectCell } from '../../adapters/office/workbook';
import { detectCapabilities, undoNotes } from '../../adapters/office/capabilities';

export interface TemplatePanelProps {
  onInserted?: () => void;
}

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '10px', padding: '8px 4px' },
  row: { display: 'flex', columnGap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  slot: { color: tokens.colorPaletteRedForeground1 },
  proposal: { color: tokens.colorPaletteGreenForeground1 },
  list: { margin: 0, paddingLeft: '18px' },
  muted: { color: tokens.colorNeutralForeground3 },
  table: { fontSize: tokens.fontSizeBase200 },
});

type Status = { intent: 'success' | 'warning' | 'error' | 'info'; text: string } | null;

interface AfterInsert {
  sheet: string;
  row: number;
  profile?: TemplateProfile;
  /** null: not known (reading them failed; 重新检查 tries again). */
  slots: Finding[] | null;
}

function profileLabel(p: ProfileChoice): string {
  if (p === 'auto') return '自动（按表中已有指标判断）';
  return getLibrary().profiles[p].label;
}

export function TemplatePanel({ onInserted }: TemplatePanelProps): React.ReactElement {
  const styles = useStyles();
  // what this Excel can do, known before any click (Office.context.requirements)
  const caps = React.useMemo(() => {
    try {
      return detectCapabilities((name, v) => Office.context.requirements.isSetSupported(name, v));
    } catch {
      return detectCapabilities(() => true);
    }
  }, []);
  const blocks = listBlocks();
  const [blockId, setBlockId] = React.useState<string>(blocks[0]?.id ?? '');
  const [profile, setProfile] = React.useState<ProfileChoice>('auto');
  const [query, setQuery] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const [status, setStatus] = React.useState<Status>(null);
  const [tablePreview, setTablePreview] = React.useState<InsertOutcome | null>(null);
  const [after, setAfter] = React.useState<AfterInsert | null>(null);
  const [layout, setLayout] = React.useState<BlankLayout>('A');
  const [where, setWhere] = React.useState<'new-sheet' | 'selection'>('new-sheet');
  const [suggested, setSuggested] = React.useState<SuggestOutcome | null>(null);
  const [acceptProposals, setAcceptProposals] = React.useState(false);

  const block = blocks.find((b) => b.id === blockId) ?? null;
  const previewProfile: TemplateProfile = profile === 'auto' ? 'LOCAL' : profile;
  const staticRows = block ? materializeBlock(block, previewProfile, { budget: null }) : [];
  const hits = query.trim() ? searchIndicators(query, profile === 'auto' ? undefined : profile) : [];

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setStatus(null);
    try {
      await fn();
    } catch (e) {
      const d = describeError(e);
      setStatus({ intent: 'error', text: `操作失败：${d.message}（${d.detail}）` });
    } finally {
      setBusy(false);
    }
  };

  const afterInsert = async (res: InsertOutcome) => {
    if (!res.ok) {
      setStatus({ intent: 'error', text: res.message });
      return;
    }
    setStatus({ intent: res.added.length ? 'success' : 'info', text: res.message });
    setTablePreview(null);
    if (res.added.length > 0 && res.sheet) {
      onInserted?.();
      const row = res.added[0].row;
      try {
        const rc = await recheckTable(res.sheet, row, res.profile);
        setAfter({ sheet: res.sheet, row, profile: res.profile, slots: rc.slots });
      } catch {
        // the rows are in: say so, and that the list of values to fill can be fetched again
        setAfter({ sheet: res.sheet, row, profile: res.profile, slots: null });
        setStatus({ intent: 'warning', text: `${res.message} 读取待填写的指标值时 Excel 返回错误，请点击“重新检查”。` });
      }
    }
  };

  const proposals = tablePreview?.proposals ?? [];
  const proposalOf = (name: string) => proposals.find((p) => p.name === name);
  const chooseBlock = (id: string) => {
    setBlockId(id);
    setTablePreview(null);
    setAcceptProposals(false);
  };
  // proposals are written only when the user ticked them on the preview of this very table
  const doInsert = () =>
    run(async () =>
      afterInsert(await insertBlockAtSelection({ block: blockId, profile, acceptProposals: acceptProposals && proposals.length > 0 })),
    );
  const doSuggest = () =>
    run(async () => {
      const res = await suggestAtSelection();
      if (!res.ok) setStatus({ intent: 'error', text: res.message });
      setSuggested(res.ok ? res : null);
    });
  const doInsertOne = (block: string, name: string) =>
    run(async () => afterInsert(await insertBlockAtSelection({ indicators: [{ block, name }], profile })));
  const doPreview = () =>
    run(async () => {
      const res = await previewAtSelection({ block: blockId, profile });
      if (!res.ok) setStatus({ intent: 'error', text: res.message });
      setTablePreview(res.ok ? res : null);
      setAcceptProposals(false);
    });
  const doRecheck = () =>
    run(async () => {
      if (!after) return;
      const rc = await recheckTable(after.sheet, after.row, after.profile);
      setAfter({ ...after, slots: rc.slots });
      if (rc.slots.length === 0) setStatus({ intent: 'success', text: '该表的指标值都已填写。' });
    });
  const doBlank = () =>
    run(async () => {
      const res = await insertBlankTable({ layout, block: blockId || null, profile: previewProfile, where });
      setStatus({ intent: res.ok ? 'success' : 'error', text: res.message });
      if (res.ok && res.sheet && res.added.length > 0) {
        const rc = await recheckTable(res.sheet, res.added[0].row, previewProfile);
        setAfter({ sheet: res.sheet, row: res.added[0].row, profile: previewProfile, slots: rc.slots });
      }
      if (res.ok) onInserted?.();
    });

  const exampleOf = new Map(staticRows.map((r) => [r.name, r.example]));
  const computedOf = new Set(staticRows.filter((r) => r.computed).map((r) => r.name));
  const rowsToShow = tablePreview
    ? tablePreview.added.map((a) => ({
        level1: a.level1,
        level2: a.level2,
        name: a.name,
        text: a.text,
        slot: a.slot,
        expected: a.expected,
      }))
    : staticRows.map((r) => ({ level1: r.level1, level2: r.level2, name: r.name, text: r.text, slot: r.slot, expected: r.expected }));
  const top = suggested?.suggestions.find((x) => x.score > 0) ?? null;
  const tableSources = block ? block.sources.filter((x) => x.table).length : 0;
  const pageSources = block ? block.sources.filter((x) => x.url).length : 0;

  return (
    <div className={styles.root} aria-busy={busy}>
      <Subtitle2 as="h2">插入标准指标</Subtitle2>
      <div className={styles.row}>
        <Button size="small" onClick={doSuggest} disabled={busy}>
          按当前表推荐类型
        </Button>
        <Caption1 className={styles.muted}>先点击表内任意单元格；按项目名称、绩效目标和已有指标推荐，由您选择。</Caption1>
      </div>
      {suggested ? (
        <section aria-label="推荐的项目类型">
          <Text weight="semibold">为「{suggested.tableName || '未命名表'}」推荐</Text>
          <ul className={styles.list}>
            {suggested.suggestions
              .filter((x, k) => x.score > 0 || k === suggested.suggestions.length - 1)
              .slice(0, 4)
              .map((x) => (
                <li key={x.blockId}>
                  <Text weight={x.blockId === blockId ? 'semibold' : 'regular'}>{x.type}</Text>{' '}
                  <Button
                    size="small"
                    appearance="transparent"
                    onClick={() => chooseBlock(x.blockId)}
                    disabled={busy || x.blockId === blockId}
                  >
                    {x.blockId === blockId ? '已选用' : '选用'}
                  </Button>
                  <br />
                  <Caption1 className={styles.muted}>{x.reasons.join('；')}</Caption1>
                  {x.present.length > 0 ? (
                    <>
                      <br />
                      <Caption1 className={styles.muted}>表中已有：{x.present.join('、')}（不会重复插入）</Caption1>
                    </>
                  ) : null}
                </li>
              ))}
          </ul>
        </section>
      ) : null}
      <Field label="项目类型">
        <Select value={blockId} onChange={(_, d) => chooseBlock(d.value)}>
          {blocks.map((b) => (
            <option key={b.id} value={b.id}>
              {b.type}
              {top && top.blockId === b.id ? '（推荐）' : ''}
            </option>
          ))}
        </Select>
      </Field>
      {block?.description ? <Caption1 className={styles.muted}>{block.description}</Caption1> : null}
      {block?.notes ? (
        <Caption1 className={styles.muted} data-testid="block-notes">
          {block.notes}（依据：{tableSources} 张真实表{pageSources ? `、${pageSources} 个公开页面` : ''}）
        </Caption1>
      ) : null}
      <Field label="指标体系">
        <Select value={profile} onChange={(_, d) => setProfile(d.value as ProfileChoice)}>
          {(['auto', 'LOCAL', 'C2021'] as ProfileChoice[]).map((p) => (
            <option key={p} value={p}>
              {profileLabel(p)}
            </option>
          ))}
        </Select>
      </Field>

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
          {rowsToShow.map((r) => (
            <TableRow key={`${r.level1}/${r.level2}/${r.name}`}>
              <TableCell>
                {r.level1}／{r.level2}
              </TableCell>
              <TableCell>{r.name}</TableCell>
              <TableCell>
                {r.slot && !tablePreview && computedOf.has(r.name) ? (
                  <span className={styles.muted}>按本表年度资金总额填写（{r.expected}）</span>
                ) : r.slot ? (
                  proposalOf(r.name) ? (
                    <span className={styles.proposal}>
                      建议 {proposalOf(r.name)!.text}（{proposalOf(r.name)!.source}）
                    </span>
                  ) : (
                    <>
                      <span className={styles.slot}>待填写（{r.expected}）</span>
                      {!tablePreview && exampleOf.get(r.name) ? <span className={styles.muted}> 例 {exampleOf.get(r.name)}</span> : null}
                    </>
                  )
                ) : r.text ? (
                  <>
                    {r.text}
                    {computedOf.has(r.name) ? <span className={styles.muted}>（按年度资金总额）</span> : null}
                  </>
                ) : (
                  <span className={styles.slot}>按本表年度资金总额填写</span>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {proposals.length > 0 ? (
        <Checkbox
          checked={acceptProposals}
          onChange={(_, d) => setAcceptProposals(d.checked === true)}
          label={`按建议值填写这 ${proposals.length} 个指标值（取自本表的绩效目标，请核对；不勾选则留空待填写）`}
        />
      ) : null}
      {tablePreview && tablePreview.skipped.length > 0 ? (
        <Caption1 className={styles.muted}>已有、不再插入：{tablePreview.skipped.map((s) => s.name).join('、')}</Caption1>
      ) : null}
      <Caption1 className={styles.muted}>
        标为“待填写”的指标值会留空，插入后检查会把它们列为“指标值缺失”，请逐个填写。已存在的同名指标不会重复插入，原有单元格不会被覆盖。
      </Caption1>
      <div className={styles.row}>
        <Button appearance="primary" onClick={doInsert} disabled={busy || !block || !caps.merges}>
          插入
        </Button>
        <Button onClick={doPreview} disabled={busy || !block || !caps.merges}>
          按当前表预览
        </Button>
        {busy ? <Spinner size="tiny" label="处理中…" /> : null}
      </div>
      {!caps.merges && (
        <Caption1 className={styles.muted} data-testid="insert-unavailable">
          {INSERT_NEEDS_MERGES}
        </Caption1>
      )}

      {status ? (
        <MessageBar intent={status.intent}>
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      ) : null}

      {after ? (
        <section aria-label="待填写的指标值">
          <Text weight="semibold">待填写的指标值{after.slots ? `（${after.slots.length}）` : ''}</Text>
          {after.slots === null ? (
            <Caption1 className={styles.muted}>未能读取，请点击“重新检查”。</Caption1>
          ) : after.slots.length === 0 ? (
            <Caption1 className={styles.muted}>没有待填写的指标值。</Caption1>
          ) : (
            <ul>
              {after.slots.map((f) => (
                <li key={`${f.sheet}!${f.cell}`}>
                  <Button appearance="transparent" size="small" onClick={() => run(() => selectCell(officeEnv(), f.sheet, f.cell))}>
                    {f.cell}
                  </Button>
                  <Caption1>{f.message}</Caption1>
                </li>
              ))}
            </ul>
          )}
          <Button size="small" onClick={doRecheck} disabled={busy}>
            重新检查
          </Button>
        </section>
      ) : null}

      <Divider />
      <Field label="按指标名称搜索">
        <Input value={query} onChange={(_, d) => setQuery(d.value)} placeholder="例如：满意度、合格率" />
      </Field>
      {hits.length > 0 ? (
        <ul aria-label="搜索结果">
          {hits.slice(0, 30).map((h) => (
            <li key={`${h.block.id}/${h.indicator.name}`}>
              <Text>
                {h.indicator.name}（{h.block.type}）
              </Text>{' '}
              <Button size="small" onClick={() => doInsertOne(h.block.id, h.indicator.name)} disabled={busy || !caps.merges}>
                插入此指标
              </Button>
            </li>
          ))}
        </ul>
      ) : query.trim() ? (
        <Caption1 className={styles.muted}>没有找到包含“{query.trim()}”的指标。</Caption1>
      ) : null}

      <Divider />
      <Subtitle2 as="h2">新建空白表</Subtitle2>
      <Field label="表样">
        <RadioGroup value={layout} onChange={(_, d) => setLayout(d.value as BlankLayout)}>
          {BLANK_LAYOUTS.map((l) => (
            <Radio key={l} value={l} label={LAYOUT_LABEL[l]} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="位置">
        <RadioGroup value={where} onChange={(_, d) => setWhere(d.value as 'new-sheet' | 'selection')} layout="horizontal">
          <Radio value="new-sheet" label="新工作表" />
          <Radio value="selection" label="当前选中的单元格" disabled={!caps.merges} />
        </RadioGroup>
      </Field>
      {!caps.merges && (
        <Caption1 className={styles.muted} data-testid="blank-selection-unavailable">
          {BLANK_AT_SELECTION_NEEDS_MERGES}
        </Caption1>
      )}
      <Caption1 className={styles.muted} data-testid="templates-undo-note">
        {undoNotes(caps).templates}
      </Caption1>
      <Caption1 className={styles.muted}>空白表会预填上面所选项目类型的指标；目标区域不是空的时不会写入。</Caption1>
      <div className={styles.row}>
        <Button onClick={doBlank} disabled={busy}>
          新建空白表
        </Button>
      </div>
    </div>
  );
}

export default TemplatePanel;
