/** The styles part of the annotated copy: one fill per severity, one cloned cell format per (format, severity). */
import type { Severity } from '../../core/findings';
import { SEVERITY_ARGB, SEVERITY_RANK as RANK } from '../../core/severity';
import { WorkbookReadError } from '../file/errors';
import { CT_STYLES, DECL, NS_MAIN, NS_MAIN_STRICT, NS_R, NS_R_STRICT, type Pkg, addContentType, addRel } from './package';
import { Edits, type Tag, attr, attrsEnd, prefixOf, scanTags } from './xml-edit';
import { resolveTarget } from './zip';

/** The number of xf elements in cellXfs of the styles part (0 when there is no part or no cellXfs). */
export function countCellXfs(pkg: Pkg, stylesPart: string | null): number {
  const t = stylesPart && pkg.has(stylesPart) ? pkg.text(stylesPart) : null;
  if (!t) return 0;
  let n = 0;
  let inXfs = false;
  scanTags(t.xml, (tag, depth) => {
    if (depth === 1 && tag.name === 'cellXfs') inXfs = tag.kind === 'open';
    else if (depth === 2 && inXfs && tag.name === 'xf' && tag.kind !== 'close') n++;
  });
  return n;
}

export class Styles {
  /** New xf index by `${base}|${severity}`. */
  private readonly xfs = new Map<string, number>();
  private readonly order: [base: number, sev: Severity][] = [];
  /** The index of the first new xf: after the existing ones (a styles part or cellXfs we create holds one). */
  private readonly first: number;

  constructor(existingXfs: number) {
    this.first = Math.max(1, existingXfs);
  }

  xfFor(base: number, sev: Severity): string {
    const k = `${base}|${sev}`;
    let v = this.xfs.get(k);
    if (v === undefined) {
      v = this.first + this.order.length;
      this.xfs.set(k, v);
      this.order.push([base, sev]);
    }
    return String(v);
  }

  get used(): boolean {
    return this.order.length > 0;
  }

  /** Writes the styles part with the fills and xfs handed out. */
  write(pkg: Pkg, workbookPart: string, stylesPart: string | null): void {
    const part = stylesPart && pkg.has(stylesPart) ? stylesPart : createStylesPart(pkg, workbookPart);
    const t = pkg.text(part)!;
    const xml = t.xml;
    const st = scanStyles(xml);
    if (st.rootEmpty) throw new WorkbookReadError(`文件中的「${part}」没有任何样式，无法写入批注副本`);
    const edits = new Edits();
    const prefix = st.prefix;
    const sevs = [...new Set(this.order.map(([, s]) => s))].sort((a, b) => RANK[a] - RANK[b]);
    const fills = st.fills;
    const firstFill = fills ? (fills.count === 0 ? 2 : fills.count) : 2;
    const fillId = new Map(sevs.map((s, i) => [s, firstFill + i]));
    const fillXml =
      (fills && fills.count > 0
        ? ''
        : `<${prefix}fill><${prefix}patternFill patternType="none"/></${prefix}fill><${prefix}fill><${prefix}patternFill patternType="gray125"/></${prefix}fill>`) +
      sevs
        .map(
          (s) =>
            `<${prefix}fill><${prefix}patternFill patternType="solid"><${prefix}fgColor rgb="${SEVERITY_ARGB[s]}"/><${prefix}bgColor indexed="64"/></${prefix}patternFill></${prefix}fill>`,
        )
        .join('');
    appendTo(edits, st, 'fills', fills, st.beforeFills, fillXml, firstFill + sevs.length);
    const plainXf = `<${prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const existing = st.cellXfs ? st.cellXfs.xfs.map(([s, e]) => xml.slice(s, e)) : [];
    const first = Math.max(1, existing.length);
    if (first !== this.first) throw new Error(`cellXfs counted ${this.first}, found ${first}`);
    const cloned = this.order.map(([base, sev]) => cloneXf(base < existing.length ? existing[base] : plainXf, fillId.get(sev)!));
    const xfXml = (existing.length > 0 ? '' : plainXf) + cloned.join('');
    appendTo(edits, st, 'cellXfs', st.cellXfs, st.beforeXfs, xfXml, first + cloned.length);
    pkg.put(part, edits.apply(xml), t.bom);
  }
}

/** A minimal styles part (one font, the two required fills, one border, one xf), with its relationship and type. */
function createStylesPart(pkg: Pkg, workbookPart: string): string {
  let stylesPart = resolveTarget(workbookPart, 'styles.xml');
  if (pkg.has(stylesPart)) stylesPart = pkg.freeName(resolveTarget(workbookPart, 'styles'), '.xml');
  const strict = (pkg.text(workbookPart)?.xml ?? '').includes(NS_MAIN_STRICT);
  pkg.put(
    stylesPart,
    `${DECL}<styleSheet xmlns="${strict ? NS_MAIN_STRICT : NS_MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  );
  addRel(pkg, workbookPart, `${strict ? NS_R_STRICT : NS_R}/styles`, stylesPart);
  addContentType(pkg, 'Override', stylesPart, CT_STYLES);
  return stylesPart;
}

/** A list element of the styles part: its tags, and what it holds (fills: their number; cellXfs: each xf's span). */
interface StyleList {
  open: Tag;
  close: Tag | null;
  count: number;
  xfs: [number, number][];
}

interface StylesScan {
  prefix: string;
  rootClose: Tag | null;
  rootEmpty: Tag | null;
  fills: StyleList | null;
  cellXfs: StyleList | null;
  /** The first element that must follow fills (cellXfs) when the part has none: where a new one goes. */
  beforeFills: Tag | null;
  beforeXfs: Tag | null;
}

const AFTER_FILLS = ['borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
const AFTER_XFS = ['cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

function scanStyles(xml: string): StylesScan {
  const st: StylesScan = { prefix: '', rootClose: null, rootEmpty: null, fills: null, cellXfs: null, beforeFills: null, beforeXfs: null };
  let xfStart = -1;
  scanTags(xml, (tag, depth) => {
    if (depth === 0) {
      st.prefix = prefixOf(tag);
      if (tag.kind === 'close') st.rootClose = tag;
      if (tag.kind === 'empty') st.rootEmpty = tag;
      return;
    }
    if (depth === 1 && tag.kind !== 'close') {
      if (!st.fills && !st.beforeFills && AFTER_FILLS.includes(tag.name)) st.beforeFills = tag;
      if (!st.cellXfs && !st.beforeXfs && AFTER_XFS.includes(tag.name)) st.beforeXfs = tag;
    }
    const list = tag.name === 'fills' ? 'fills' : tag.name === 'cellXfs' ? 'cellXfs' : null;
    if (depth === 1 && list) {
      if (tag.kind === 'close') st[list]!.close = tag;
      else st[list] = { open: tag, close: null, count: 0, xfs: [] };
    } else if (depth === 2 && tag.name === 'fill' && tag.kind !== 'close' && st.fills && !st.fills.close) st.fills.count++;
    else if (depth === 2 && tag.name === 'xf' && st.cellXfs && !st.cellXfs.close) {
      if (tag.kind === 'empty') st.cellXfs.xfs.push([tag.start, tag.end]);
      else if (tag.kind === 'open') xfStart = tag.start;
      else st.cellXfs.xfs.push([xfStart, tag.end]);
    }
  });
  return st;
}

/** Appends `inner` to a list element of the styles part (created before `before` when missing), its count updated. */
function appendTo(
  edits: Edits,
  st: StylesScan,
  name: string,
  list: StyleList | null,
  before: Tag | null,
  inner: string,
  count: number,
): void {
  const setCount = (open: Tag) => {
    const c = attr(open, 'count');
    if (c) edits.add(c.valueStart, c.valueEnd - c.valueStart, String(count));
  };
  if (!list) {
    const at = before ? before.start : st.rootClose!.start;
    edits.add(at, 0, `<${st.prefix}${name} count="${count}">${inner}</${st.prefix}${name}>`);
  } else if (list.open.kind === 'empty') {
    edits.add(list.open.end - 2, 2, `>${inner}</${list.open.qname}>`);
    setCount(list.open);
  } else {
    edits.add(list.close!.start, 0, inner);
    setCount(list.open);
  }
}

/** The xf element `xf` (its text) with fillId set and applyFill="1", all else as written. */
function cloneXf(xf: string, fillId: number): string {
  let open: Tag | null = null;
  scanTags(xf, (tag) => {
    open ??= tag;
  });
  const tag = open as unknown as Tag;
  const edits = new Edits();
  const set = (name: string, value: string) => {
    const a = attr(tag, name);
    if (a) edits.add(a.valueStart, a.valueEnd - a.valueStart, value);
    else edits.add(attrsEnd(tag), 0, ` ${name}="${value}"`);
  };
  set('fillId', String(fillId));
  set('applyFill', '1');
  return edits.apply(xf);
}
