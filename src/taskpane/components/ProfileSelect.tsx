/** The 指标体系 choice, shared by the task pane and the checker page. */
import * as React from 'react';
import { Field, Select, makeStyles } from '@fluentui/react-components';
import type { Profile } from '../../core/config';
import { PROFILE_LABEL } from '../../core/profiles';

export const PROFILE_TEXT = PROFILE_LABEL;

// the options' long names must not widen the pane (270 px, 200% zoom): the select takes the pane's width and no more
const useStyles = makeStyles({
  root: { minWidth: 0, maxWidth: '100%' },
  select: { minWidth: 0, width: '100%', textOverflow: 'ellipsis' },
});

export function ProfileSelect(props: { value: Profile; disabled?: boolean; onChange: (p: Profile) => void }): React.ReactElement {
  const styles = useStyles();
  return (
    <Field label="指标体系" size="small" className={styles.root}>
      <Select
        className={styles.root}
        select={{ className: styles.select }}
        value={props.value}
        disabled={props.disabled}
        onChange={(_e, d) => props.onChange(d.value === 'C2021' ? 'C2021' : 'LOCAL')}
        data-testid="profile"
      >
        {(Object.keys(PROFILE_TEXT) as Profile[]).map((p) => (
          <option key={p} value={p}>
            {PROFILE_TEXT[p]}
          </option>
        ))}
      </Select>
    </Field>
  );
}
