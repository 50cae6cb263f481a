/**
 * The pane's words follow docs/glossary.md: in the task pane's and the Office adapter's source, no "条问题", no
 * "检查" for the add-in's own check (校验; "请检查" = please look is allowed), and no straight double quote as a
 * quotation mark in Chinese text (“” for names, 「」 for the workbook's content).
 */
import { readFileSync, readdirSync, statSync } from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const DIRS = ['src/taskpane', 'src/adapters/office'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

/** Lines of code that are not comments (the words users read live in strings and JSX). */
function codeLines(file: string): { line: number; text: string }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ line: i + 1, text }))
    .filter(({ text }) => !/^\s*(\/\/|\/?\*)/.test(text));
}

test('the task pane says 校验, 个问题, and quotes with “” and 「」 (docs/glossary.md)', () => {
  const bad: string[] = [];
  for (const dir of DIRS) {
    for (const file of files(path.join(ROOT, dir))) {
      for (const { line, text } of codeLines(file)) {
        const where = `${path.relative(ROOT, file)}:${line}: ${text.trim()}`;
        if (/(?<!这)条问题/.test(text)) bad.push(`条问题 → 个问题  ${where}`);
        if (/(?<!请)检查/.test(text)) bad.push(`检查 → 校验  ${where}`);
        // a straight quote between Chinese characters is a quotation mark in the text (JSX attributes end at one)
        if (/[\u4e00-\u9fa5]"[\u4e00-\u9fa5]/.test(text)) bad.push(`"" → “” or 「」  ${where}`);
      }
    }
  }
  expect(bad).toEqual([]);
});
