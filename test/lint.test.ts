/**
 * `npm run lint` as part of the test suite (CI runs the README's test command): ESLint on src and test, and Prettier's
 * check on the code (.prettierrc.json; data, generated files and Markdown are left out, see .prettierignore).
 */
import { spawnSync } from 'child_process';
import path from 'path';

const ROOT = path.join(__dirname, '..');

test('npm run lint: no ESLint problem, every file formatted by Prettier', () => {
  const r = spawnSync('npm', ['run', '-s', 'lint'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  if (r.status !== 0) throw new Error(`npm run lint failed (run npm run format to format):\n${r.stdout}\n${r.stderr}`);
  expect(r.status).toBe(0);
}, 300_000);
