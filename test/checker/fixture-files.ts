export const FIXTURE_FILES = [
  'test/fixtures/layoutA-ningxia.xlsx',
  'test/fixtures/layoutB-beidaihe.xlsx',
  'test/fixtures/layoutC-hengdong.xlsx',
  'test/fixtures/layoutD-suixi.xlsx',
  'test/fixtures/variants.xlsx',
  'test/fixtures/clean.xlsx',
  'examples/示例-绩效目标表.xlsx',
];
