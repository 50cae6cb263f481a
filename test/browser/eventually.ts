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
