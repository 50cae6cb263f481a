/** Styles shared by the parts of the 插入模板 tab. */
import { makeStyles, tokens } from '@fluentui/react-components';

export const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '10px', padding: '8px 4px' },
  row: { display: 'flex', columnGap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  slot: { color: tokens.colorPaletteRedForeground1 },
  proposal: { color: tokens.colorPaletteGreenForeground1 },
  list: { margin: 0, paddingLeft: '18px' },
  muted: { color: tokens.colorNeutralForeground3 },
  table: { fontSize: tokens.fontSizeBase200 },
});
