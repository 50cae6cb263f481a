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
    if (!stylesPart || !pkg.has(stylesPart)) {
      stylesPart = resolveTarget(workbookPart, 'styles.xml');
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
    }
    const t = pkg.text(stylesPart)!;
    const xml = t.xml;
    const edits = new Edits();
    let prefix = '';
    type Fills = { open: Tag; close: Tag | null; count: number };
    type CellXfs = { open: Tag; close: Tag | null; xfs: [number, number][] };
    let fills0: Fills | null = null;
    let cellXfs0: CellXfs | null = null;
    let xfStart = -1;
    let rootClose: Tag | null = null;
    let rootEmpty: Tag | null = null;
    const afterFills = ['borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
    const afterXfs = ['cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
    let beforeFills: Tag | null = null;
    let beforeXfs: Tag | null = null;
    scanTags(xml, (tag, depth) => {
      if (depth === 0) {
        prefix = prefixOf(tag);
        if (tag.kind === 'close') rootClose = tag;
        if (tag.kind === 'empty') rootEmpty = tag;
        return;
      }
      if (depth === 1 && tag.kind !== 'close') {
        if (!fills0 && !beforeFills && afterFills.includes(tag.name)) beforeFills = tag;
        if (!cellXfs0 && !beforeXfs && afterXfs.includes(tag.name)) beforeXfs = tag;
      }
      if (depth === 1 && tag.name === 'fills') {
        if (tag.kind === 'close') fills0!.close = tag;
        else fills0 = { open: tag, close: null, count: 0 };
      } else if (depth === 2 && tag.name === 'fill' && tag.kind !== 'close' && fills0 && !fills0.close) fills0.count++;
      else if (depth === 1 && tag.name === 'cellXfs') {
        if (tag.kind === 'close') cellXfs0!.close = tag;
        else cellXfs0 = { open: tag, close: null, xfs: [] };
      } else if (depth === 2 && tag.name === 'xf' && cellXfs0 && !cellXfs0.close) {
        if (tag.kind === 'empty') cellXfs0.xfs.push([tag.start, tag.end]);
        else if (tag.kind === 'open') xfStart = tag.start;
        else cellXfs0.xfs.push([xfStart, tag.end]);
      }
    });
    const fills = fills0 as Fills | null;
    const cellXfs = cellXfs0 as CellXfs | null;
    if (rootEmpty) throw new WorkbookReadError(`文件中的「${stylesPart}」没有任何样式，无法写入批注副本`);
    const sevs = [...new Set(this.order.map(([, s]) => s))].sort((a, b) => RANK[a] - RANK[b]);
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
    const fillCount = firstFill + sevs.length;
    const setCount = (open: Tag, count: number) => {
      const c = attr(open, 'count');
      if (c) edits.add(c.valueStart, c.valueEnd - c.valueStart, String(count));
    };
    if (!fills) {
      const at = beforeFills ? (beforeFills as Tag).start : (rootClose as Tag | null)!.start;
      edits.add(at, 0, `<${prefix}fills count="${fillCount}">${fillXml}</${prefix}fills>`);
    } else if (fills.open.kind === 'empty') {
      edits.add(fills.open.end - 2, 2, `>${fillXml}</${fills.open.qname}>`);
      setCount(fills.open, fillCount);
    } else {
      edits.add(fills.close!.start, 0, fillXml);
      setCount(fills.open, fillCount);
    }
    const existing = cellXfs ? cellXfs.xfs.map(([s, e]) => xml.slice(s, e)) : [];
    const baseXfs = existing.length > 0 ? existing : [`<${prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`];
    const first = baseXfs.length;
    if (first !== this.first) throw new Error(`cellXfs counted ${this.first}, found ${first}`);
    const cloned = this.order.map(([base, sev]) =>
      cloneXf(
        base < existing.length ? existing[base] : `<${prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
        fillId.get(sev)!,
      ),
    );
    const xfXml = (existing.length > 0 ? '' : baseXfs[0]) + cloned.join('');
    const xfCount = first + cloned.length;
    if (!cellXfs) {
      const at = beforeXfs ? (beforeXfs as Tag).start : (rootClose as Tag | null)!.start;
      edits.add(at, 0, `<${prefix}cellXfs count="${xfCount}">${xfXml}</${prefix}cellXfs>`);
    } else if (cellXfs.open.kind === 'empty') {
      edits.add(cellXfs.open.end - 2, 2, `>${xfXml}</${cellXfs.open.qname}>`);
      setCount(cellXfs.open, xfCount);
    } else {
      edits.add(cellXfs.close!.start, 0, xfXml);
      setCount(cellXfs.open, xfCount);
    }
    pkg.put(stylesPart, edits.apply(xml), t.bom);
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
