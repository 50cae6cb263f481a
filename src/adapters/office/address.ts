/**
 * Excel address strings as Office.js reports and accepts them:
 * "Sheet1!A1:F40", "'预算 表'!B2", "'O''Brien'!C3", "A:C", "3:5", "B7".
 */
import { a1, colLetters, parseA1 } from '../../core/grid';

export interface RectAddress {
  sheet: string | null;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROW = 1048575;
const MAX_COL = 16383;

/** Sheet name as it must appear before "!" (quoted when Excel would quote it). */
export function quoteSheet(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Splits "'a b'!A1:B2" into sheet and local part; sheet is null when absent. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const s = address.trim();
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += s[i++];
    }
    if (s[i + 1] !== '!') throw new Error(`无法解析地址：${address}`);
    return { sheet: name, local: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  return bang < 0 ? { sheet: null, local: s } : { sheet: s.slice(0, bang), local: s.slice(bang + 1) };
}

function parseColumn(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** Parses one rectangular address (with or without sheet); throws on anything else. */
export function parseRangeAddress(address: string): RectAddress {
  const { sheet, local } = splitSheet(address);
  const parts = local.replace(/\$/g, '').split(':');
  if (parts.length > 2 || parts.length === 0) throw new Error(`无法解析地址：${address}`);
  const [p, q = parts[0]] = parts;
  if (/^\d+$/.test(p) && /^\d+$/.test(q)) {
    const r1 = parseInt(p, 10) - 1;
    const r2 = parseInt(q, 10) - 1;
    return { sheet, top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: 0, right: MAX_COL };
  }
  if (/^[A-Za-z]{1,3}$/.test(p) && /^[A-Za-z]{1,3}$/.test(q)) {
    const c1 = parseColumn(p);
    const c2 = parseColumn(q);
    return { sheet, top: 0, bottom: MAX_ROW, left: Math.min(c1, c2), right: Math.max(c1, c2) };
  }
  const a = parseA1(p);
  const b = parseA1(q);
  if (!a || !b) throw new Error(`无法解析地址：${address}`);
  return {
    sheet,
    top: Math.min(a.row, b.row),
    left: Math.min(a.col, b.col),
    bottom: Math.max(a.row, b.row),
    right: Math.max(a.col, b.col),
  };
}

/** Splits a multi-area address ("S!A1:B2,'x, y'!C3") on commas outside quoted sheet names. */
export function splitAreas(address: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if ((ch === ',' || ch === ';') && !quoted) {
      if (cur.trim()) parts.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}

/** "A1" for one cell, "A1:C3" otherwise, "3:5" / "A:C" for entire rows / columns. */
export function formatRect(r: { top: number; left: number; bottom: number; right: number }): string {
  if (r.left === 0 && r.right === MAX_COL) return `${r.top + 1}:${r.bottom + 1}`;
  if (r.top === 0 && r.bottom === MAX_ROW) return `${colLetters(r.left)}:${colLetters(r.right)}`;
  if (r.top === r.bottom && r.left === r.right) return a1(r.top, r.left);
  return `${a1(r.top, r.left)}:${a1(r.bottom, r.right)}`;
}

export function formatAddress(sheet: string, r: { top: number; left: number; bottom: number; right: number }): string {
  return `${quoteSheet(sheet)}!${formatRect(r)}`;
}
