/** State and actions of the 插入模板 tab: the picked type and profile, the preview, the status, the values left to fill. */
import * as React from 'react';
import type { Finding } from '../../core/findings';
import type { BlankLayout } from '../../core/templates/blank';
import { type TemplateProfile, listBlocks } from '../../core/templates/library';
import { detectCapabilities } from '../../adapters/office/capabilities';
import { officeEnv } from '../../adapters/office/context';
import { describeError } from '../../adapters/office/errors';
import {
  type InsertOutcome,
  type ProfileChoice,
  type SuggestOutcome,
  insertBlankTable,
  insertBlockAtSelection,
  previewAtSelection,
  recheckTable,
  suggestAtSelection,
} from '../../adapters/office/templates';
import { selectCell } from '../../adapters/office/workbook';

/** The message bar: the cause in plain Chinese; Excel's code and message in `detail` (详细信息). */
export type Status = { intent: 'success' | 'warning' | 'error' | 'info'; text: string; detail?: string } | null;

export interface AfterInsert {
  sheet: string;
  row: number;
  profile?: TemplateProfile;
  /** null: not known (reading them failed; 重新读取 tries again). */
  slots: Finding[] | null;
}

type Run = (fn: () => Promise<void>) => Promise<void>;

const withDetail = (detail: string | undefined) => (detail ? { detail } : {});

/** Busy state and status of the tab; `run` reports an unexpected error in the status. */
function useRunner() {
  const [busy, setBusy] = React.useState(false);
  const [status, setStatus] = React.useState<Status>(null);
  const run: Run = async (fn) => {
    setBusy(true);
    setStatus(null);
    try {
      await fn();
    } catch (e) {
      const d = describeError(e);
      setStatus({ intent: 'error', text: `操作失败：${d.message}`, detail: d.detail });
    } finally {
      setBusy(false);
    }
  };
  return { busy, status, setStatus, run };
}

/** The values left to fill after an insertion, and the actions on them. */
function useSlots(run: Run, setStatus: (s: Status) => void, onInserted?: () => void) {
  const [after, setAfter] = React.useState<AfterInsert | null>(null);
  const afterInsert = async (res: InsertOutcome) => {
    if (!res.ok) {
      setStatus({ intent: 'error', text: res.message, ...withDetail(res.detail) });
      return;
    }
    setStatus({ intent: res.added.length ? 'success' : 'info', text: res.message, ...withDetail(res.detail) });
    if (res.added.length > 0 && res.sheet) {
      onInserted?.();
      const row = res.added[0].row;
      try {
        const rc = await recheckTable(res.sheet, row, res.profile);
        setAfter({ sheet: res.sheet, row, profile: res.profile, slots: rc.slots });
      } catch (e) {
        // the rows are in: say so, and that the list of values to fill can be fetched again
        setAfter({ sheet: res.sheet, row, profile: res.profile, slots: null });
        const text = `${res.message} 读取待填写的指标值时 Excel 出错，请点击“重新读取”。`;
        setStatus({ intent: 'warning', text, detail: describeError(e).detail });
      }
    }
  };
  const doRecheck = () =>
    run(async () => {
      if (!after) return;
      const rc = await recheckTable(after.sheet, after.row, after.profile);
      setAfter({ ...after, slots: rc.slots });
      if (rc.slots.length === 0) setStatus({ intent: 'success', text: '该表的指标值都已填写。' });
    });
  const doSelect = (f: Finding) => run(() => selectCell(officeEnv(), f.sheet, f.cell));
  return { after, setAfter, afterInsert, doRecheck, doSelect };
}

/** What this Excel can do, known before any click (Office.context.requirements). */
function useCaps() {
  return React.useMemo(() => {
    try {
      return detectCapabilities((name, v) => Office.context.requirements.isSetSupported(name, v));
    } catch {
      return detectCapabilities(() => true);
    }
  }, []);
}

/** What the user picked: the project type, the profile, the search, the blank table's layout and place. */
function usePicker() {
  const blocks = listBlocks();
  const [blockId, setBlockId] = React.useState<string>(blocks[0]?.id ?? '');
  const [profile, setProfile] = React.useState<ProfileChoice>('auto');
  const [query, setQuery] = React.useState('');
  const [tablePreview, setTablePreview] = React.useState<InsertOutcome | null>(null);
  const [layout, setLayout] = React.useState<BlankLayout>('A');
  const [where, setWhere] = React.useState<'new-sheet' | 'selection'>('new-sheet');
  const [suggested, setSuggested] = React.useState<SuggestOutcome | null>(null);
  const [acceptProposals, setAcceptProposals] = React.useState(false);
  const chooseBlock = (id: string) => {
    setBlockId(id);
    setTablePreview(null);
    setAcceptProposals(false);
  };
  const block = blocks.find((b) => b.id === blockId) ?? null;
  const previewProfile: TemplateProfile = profile === 'auto' ? 'LOCAL' : profile;
  return {
    blocks,
    block,
    blockId,
    chooseBlock,
    profile,
    setProfile,
    previewProfile,
    query,
    setQuery,
    tablePreview,
    setTablePreview,
    proposals: tablePreview?.proposals ?? [],
    acceptProposals,
    setAcceptProposals,
    layout,
    setLayout,
    where,
    setWhere,
    suggested,
    setSuggested,
  };
}

export function useTemplatePanel(onInserted?: () => void) {
  const caps = useCaps();
  const picker = usePicker();
  const runner = useRunner();
  const { run, setStatus } = runner;
  const slots = useSlots(run, setStatus, onInserted);
  const { blockId, profile, previewProfile, proposals, acceptProposals, layout, where } = picker;

  const insert = async (res: InsertOutcome) => {
    if (res.ok) picker.setTablePreview(null);
    await slots.afterInsert(res);
  };
  // proposals are written only when the user ticked them on the preview of this very table
  const doInsert = () =>
    run(async () =>
      insert(await insertBlockAtSelection({ block: blockId, profile, acceptProposals: acceptProposals && proposals.length > 0 })),
    );
  const doSuggest = () =>
    run(async () => {
      const res = await suggestAtSelection();
      if (!res.ok) setStatus({ intent: 'error', text: res.message, ...withDetail(res.detail) });
      picker.setSuggested(res.ok ? res : null);
    });
  const doInsertOne = (block: string, name: string) =>
    run(async () => insert(await insertBlockAtSelection({ indicators: [{ block, name }], profile })));
  const doPreview = () =>
    run(async () => {
      const res = await previewAtSelection({ block: blockId, profile });
      if (!res.ok) setStatus({ intent: 'error', text: res.message, ...withDetail(res.detail) });
      picker.setTablePreview(res.ok ? res : null);
      picker.setAcceptProposals(false);
    });
  const doBlank = () =>
    run(async () => {
      const res = await insertBlankTable({ layout, block: blockId || null, profile: previewProfile, where });
      setStatus({ intent: res.ok ? 'success' : 'error', text: res.message, ...withDetail(res.detail) });
      if (res.ok && res.sheet && res.added.length > 0) {
        const rc = await recheckTable(res.sheet, res.added[0].row, previewProfile);
        slots.setAfter({ sheet: res.sheet, row: res.added[0].row, profile: previewProfile, slots: rc.slots });
      }
      if (res.ok) onInserted?.();
    });

  return { caps, ...picker, ...runner, ...slots, doInsert, doSuggest, doInsertOne, doPreview, doBlank };
}

export type TemplatePanelState = ReturnType<typeof useTemplatePanel>;
