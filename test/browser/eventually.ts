import type { Locator } from 'playwright-core';

/**
 * Polls `read` until it deep-equals `expected`, then asserts (after `timeout` ms it asserts what it last read). The
 * pages render after clicks, later on a busy machine: a step waits for what it asserts rather than reading at once.
 */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeout = 15_000): Promise<void> {
  const until = Date.now() + timeout;
  let last = await read();
  while (JSON.stringify(last) !== JSON.stringify(expected) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  expect(last).toEqual(expected);
}

/**
 * Presses a button from the keyboard (focus, Enter). Below a list whose off-screen items are laid out only when
 * scrolled to (CSS content-visibility), a pointer click can land beside a button that moved while it was scrolled
 * into view; the keyboard reaches the button itself, as a keyboard user does.
 */
export async function press(button: Locator): Promise<void> {
  await button.focus();
  await button.page().keyboard.press('Enter');
}
