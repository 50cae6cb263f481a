/**
 * 规则设置: every rule with its Chinese name and what it checks, and a choice per rule: its default grade, 错误, 警告,
 * 提示 or 关闭. Kept in the workbook (review.ts), so that a colleague who opens it sees the same results.
 */
import * as React from 'react';
import { Button, Caption1, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { RuleSetting } from '../../core/config';
import { RULES } from '../../core/rules';
import { SEVERITIES, SEVERITY_LABEL } from '../../core/severity';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '6px' },
  row: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', columnGap: '8px', alignItems: 'center' },
  name: { minWidth: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  select: { minWidth: '88px' },
});

export interface RuleSettingsProps {
  rules: Readonly<Record<string, RuleSetting>>;
  disabled?: boolean;
  /** The new settings (rules at their default left out) and a sentence saying what changed. */
  onChange: (rules: Record<string, RuleSetting>, said: string) => void;
}

/** The settings with `code` set to `setting` ('default' removes it), and the sentence for it. */
export function withSetting(
  rules: Readonly<Record<string, RuleSetting>>,
  code: string,
  setting: RuleSetting | 'default',
): { rules: Record<string, RuleSetting>; said: string } {
  const next: Record<string, RuleSetting> = { ...rules };
  if (setting === 'default') delete next[code];
  else next[code] = setting;
  const title = RULES.find((r) => r.code === code)?.title ?? code;
  const said =
    setting === 'default'
      ? `“${title}”已恢复默认。`
      : setting === 'off'
        ? `已关闭“${title}”。`
        : `“${title}”已改为${SEVERITY_LABEL[setting]}。`;
  return { rules: next, said };
}

export function RuleSettings(props: RuleSettingsProps): React.ReactElement {
  const styles = useStyles();
  const changed = Object.keys(props.rules).length;
  return (
    <details data-testid="rule-settings">
      <summary>
        <Caption1>规则设置{changed ? `（已调整 ${changed} 条）` : ''}</Caption1>
      </summary>
      <div className={styles.root}>
        <Caption1 className={styles.muted}>可关闭某条规则或调整其级别；设置记录在工作簿中，重新校验后生效。</Caption1>
        {RULES.map((r) => {
          const value = props.rules[r.code] ?? 'default';
          return (
            <div key={r.code} className={styles.row}>
              <span className={styles.name} title={r.description}>
                {r.title}
              </span>
              <Select
                size="small"
                className={styles.select}
                value={value}
                disabled={props.disabled}
                aria-label={`规则“${r.title}”的级别`}
                data-testid={`rule-${r.code}`}
                onChange={(_e, d) => {
                  const next = withSetting(props.rules, r.code, d.value as RuleSetting | 'default');
                  props.onChange(next.rules, next.said);
                }}
              >
                <option value="default">默认（{SEVERITY_LABEL[r.defaultSeverity]}）</option>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {SEVERITY_LABEL[s]}
                  </option>
                ))}
                <option value="off">关闭</option>
              </Select>
            </div>
          );
        })}
        {changed > 0 && (
          <Button size="small" appearance="subtle" disabled={props.disabled} onClick={() => props.onChange({}, '所有规则已恢复默认。')}>
            全部恢复默认
          </Button>
        )}
      </div>
    </details>
  );
}
