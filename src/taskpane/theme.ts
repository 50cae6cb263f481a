/** Fluent UI theme that follows the Office theme (Office.context.officeTheme). */
import { type Theme, webDarkTheme, webLightTheme } from '@fluentui/react-components';

export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
}

function luminance(hex: string | undefined): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex ?? '');
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

export function isDark(colors: OfficeThemeColors | undefined): boolean {
  const l = luminance(colors?.bodyBackgroundColor);
  return l !== null && l < 0.5;
}

/**
 * Light or dark Fluent theme, with the task pane's background and text taken from Office. Under Windows high
 * contrast (CSS forced-colors) the browser replaces the colours with the system's, and Fluent's styles follow it:
 * no theme of ours is needed (test/browser/taskpane.test.ts checks contrast in that mode with axe-core).
 */
export function themeFor(colors: OfficeThemeColors | undefined): Theme {
  const base = isDark(colors) ? webDarkTheme : webLightTheme;
  if (!colors?.bodyBackgroundColor || luminance(colors.bodyBackgroundColor) === null) return base;
  return {
    ...base,
    colorNeutralBackground1: colors.bodyBackgroundColor,
    colorNeutralForeground1: colors.bodyForegroundColor ?? base.colorNeutralForeground1,
  };
}

/** Reads the current Office theme, undefined outside Office or on hosts without it. */
export function currentOfficeTheme(): OfficeThemeColors | undefined {
  try {
    return typeof Office !== 'undefined' ? (Office.context?.officeTheme as OfficeThemeColors | undefined) : undefined;
  } catch {
    return undefined;
  }
}
