/** The user's choices in the 校验 tab (指标体系, hints painted), kept in the browser's storage for the next time. */
export const PROFILE_KEY = 'jxmb.profile';
export const HINTS_KEY = 'jxmb.paintHints';

/** A choice kept in the browser's storage for the next time the pane opens; null when none (or no storage). */
export function storedChoice(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function keepChoice(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage unavailable: the choice holds for this session only */
  }
}
