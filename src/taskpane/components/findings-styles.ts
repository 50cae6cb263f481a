/** Styles of the findings list (FindingsList.tsx): Fluent UI v9 tokens, the severity tags as plain spans. */
import { makeStyles, shorthands, tokens } from '@fluentui/react-components';

export const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: '8px' },
  bar: { display: 'flex', alignItems: 'center', columnGap: '6px', rowGap: '6px', flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  group: { display: 'flex', flexDirection: 'column', rowGap: '2px', marginBottom: '12px' },
  header: { display: 'flex', flexDirection: 'column', paddingBottom: '4px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { listStyleType: 'none', margin: 0, padding: 0 },
  // items off screen are not laid out or painted until scrolled to (CSS content-visibility; a window change then
  // costs the visible items' layout only)
  row: { contentVisibility: 'auto', containIntrinsicSize: 'auto 44px' } as Record<string, string>,
  item: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr auto',
    columnGap: '8px',
    alignItems: 'start',
    width: '100%',
    padding: '6px 4px',
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    background: 'transparent',
    color: tokens.colorNeutralForeground1,
    font: 'inherit',
    fontSize: tokens.fontSizeBase300,
    textAlign: 'left',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  active: { backgroundColor: tokens.colorNeutralBackground1Selected },
  // (not the brand colour: on a selected item in the dark theme it falls below 4.5:1)
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap' },
  where: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  // the severity tag: Fluent's small tint Badge (danger, warning, brand) as a plain span with the same tokens, since
  // hundreds of Badge components are the costliest part of re-rendering a window of the list
  tag: {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    boxSizing: 'border-box',
    height: '16px',
    minWidth: '16px',
    padding: `0 calc(${tokens.spacingHorizontalXXS} + ${tokens.spacingHorizontalXXS})`,
    borderRadius: tokens.borderRadiusCircular,
    border: `${tokens.strokeWidthThin} solid`,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightBase200,
    whiteSpace: 'nowrap',
  },
  error: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    ...shorthands.borderColor(tokens.colorPaletteRedBorder1),
  },
  warning: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorPaletteYellowForeground1,
    ...shorthands.borderColor(tokens.colorPaletteYellowBorder1),
  },
  info: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    ...shorthands.borderColor(tokens.colorBrandStroke2),
  },
});
