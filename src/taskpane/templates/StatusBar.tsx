/** The tab's message bar: the cause in plain Chinese; Excel's code and message behind 详细信息. */
import * as React from 'react';
import { Caption1, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useStyles } from './styles';
import type { Status } from './useTemplatePanel';

export function StatusBar({ status }: { status: Status }): React.ReactElement | null {
  const styles = useStyles();
  if (!status) return null;
  return (
    <MessageBar intent={status.intent} data-testid="template-status">
      <MessageBarBody>
        {status.text}
        {status.detail ? (
          <details>
            <summary>
              <Caption1 className={styles.muted}>详细信息</Caption1>
            </summary>
            <Caption1 block className={styles.muted}>
              {status.detail}
            </Caption1>
          </details>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
