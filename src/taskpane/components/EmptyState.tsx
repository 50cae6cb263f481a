/** Shown when the workbook holds no 绩效目标表: what the add-in looks for, and a way to start one. */
import * as React from 'react';
import { Body1, Button, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: '8px',
    padding: '12px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  list: { margin: 0, paddingLeft: '20px' },
});

export function EmptyState(props: { sheets: string[]; onTemplates?: () => void }): React.ReactElement {
  const styles = useStyles();
  return (
    <section className={styles.root} data-testid="empty-state" aria-live="polite">
      <Subtitle2 as="h2" style={{ margin: 0 }}>
        未找到绩效目标表
      </Subtitle2>
      <Body1>
        已校验 {props.sheets.length} 张工作表{props.sheets.length ? `（${props.sheets.join('、')}）` : ''}
        ，没有识别出绩效目标表。本加载项查找的是：
      </Body1>
      <ul className={styles.list}>
        <li>
          含有“<b>项目名称</b>”（项目支出绩效目标表）或“<b>部门名称</b>”（部门整体支出绩效目标表）的表头；
        </li>
        <li>
          以及一行“<b>一级指标</b> | <b>二级指标</b> | <b>三级指标</b> | <b>指标值</b>”的指标表头。
        </li>
      </ul>
      <Body1>表格可以从任意行、任意列开始，一张工作表可以有多张表。</Body1>
      {props.onTemplates && (
        <div>
          <Button appearance="primary" onClick={props.onTemplates} data-testid="go-templates">
            插入空白模板
          </Button>
        </div>
      )}
    </section>
  );
}
