/** The checker page's drop zone: drop workbooks here or pick them (nothing leaves the browser). */
import * as React from 'react';
import { Body1, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3 },
  drop: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    rowGap: '8px',
    padding: '24px 16px',
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    textAlign: 'center',
  },
  dropActive: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
});

export function DropZone({ onFiles }: { onFiles: (files: File[]) => void }): React.ReactElement {
  const styles = useStyles();
  const input = React.useRef<HTMLInputElement>(null);
  const [over, setOver] = React.useState(false);
  return (
    <div
      className={over ? `${styles.drop} ${styles.dropActive}` : styles.drop}
      data-testid="drop"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        onFiles(Array.from(e.dataTransfer.files));
      }}
    >
      <Body1>将 Excel 文件（.xlsx、.xlsm、.xls、.et）拖到这里，或</Body1>
      <Button appearance="primary" onClick={() => input.current?.click()} data-testid="pick">
        选择文件…
      </Button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".xlsx,.xlsm,.xls,.et,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel"
        hidden
        data-testid="file-input"
        onChange={(e) => {
          onFiles(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      <Caption1 className={styles.muted}>文件只在本机浏览器中读取和检查，不会上传，也不会保存；关闭此页面后即清除。</Caption1>
    </div>
  );
}
