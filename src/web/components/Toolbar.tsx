/** The checker page's toolbar: 指标体系, 取消 / 继续检查, 下载汇总表, 全部清除. */
import * as React from 'react';
import { Button, makeStyles } from '@fluentui/react-components';
import { ProfileSelect } from '../../taskpane/components/ProfileSelect';
import type { Session, SessionState } from '../session';

const useStyles = makeStyles({
  toolbar: { display: 'flex', columnGap: '8px', rowGap: '8px', flexWrap: 'wrap', alignItems: 'end' },
  grow: { flexGrow: 1 },
});

export interface ToolbarProps {
  session: Session;
  state: SessionState;
  onSummary: () => void;
}

export function Toolbar({ session, state, onSummary }: ToolbarProps): React.ReactElement {
  const styles = useStyles();
  const running = state.progress !== null;
  const done = state.files.filter((f) => f.status === 'done' || f.status === 'failed');
  const cancelled = state.files.some((f) => f.status === 'cancelled');
  return (
    <div className={styles.toolbar}>
      <ProfileSelect value={state.profile} onChange={(p) => session.setProfile(p)} />
      <div className={styles.grow} />
      {running && (
        <Button onClick={() => session.cancel()} data-testid="cancel">
          取消
        </Button>
      )}
      {!running && cancelled && (
        <Button onClick={() => session.resume()} data-testid="resume">
          继续检查
        </Button>
      )}
      <Button disabled={running || done.length === 0} onClick={onSummary} data-testid="download-summary">
        下载汇总表
      </Button>
      <Button disabled={state.files.length === 0} onClick={() => session.clear()} data-testid="clear">
        全部清除
      </Button>
    </div>
  );
}
