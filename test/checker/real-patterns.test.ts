/**
 * Exact findings (cell, code, message) for the patterns of real tables the corpus taught (test/corpus/), each on a
 * small table written in the corpus transcription format: what the checker says, word for word, and that the
 * clean forms raise nothing.
 */
import { checkWorkbook } from '../../src/core/check';
import { parseTranscription } from '../corpus/format';

function check(body: string, profile: 'LOCAL' | 'C2021' = 'LOCAL') {
  const t = parseTranscription('t', `---\n${body.replace(/^\n/, '')}`);
  const r = checkWorkbook({ sheets: [{ name: 'S', rowOffset: 0, colOffset: 0, cells: t.cells, merges: t.merges }] }, { profile });
  return { tables: r.tables, findings: r.findings.map((f) => `${f.severity} ${f.cell} ${f.code}: ${f.message}`) };
}

const HEAD = `项目名称\t测试项目\t<\t<
主管部门\t某局\t实施单位\t某局
资金情况\t年度资金总额:20\t<\t<
^\t其中:财政拨款20\t<\t<
绩效目标\t完成工作\t<\t<
一级指标\t二级指标\t三级指标\t指标值`;
const TAIL = `效益指标\t社会效益指标\t群众知晓率\t≥90%
满意度指标\t服务对象满意度指标\t满意度\t≥90%`;

describe('values as real tables write them', () => {
  test('approximations, several quantities, counted nouns and periods read fine; approximations get a hint', () => {
    const r = check(`${HEAD}
产出指标\t数量指标\t开展活动\t200余次
^\t^\t检测数量\t313批/374人次
^\t^\t印刷资料\t6期,每期500本
^\t^\t建设平台\t1个平台
^\t时效指标\t实施周期\t2024年1月-12月
^\t^\t资金到位\t11月底到位
${TAIL}`);
    expect(r.findings).toEqual(['info D7 vague-value: 三级指标「开展活动」的指标值「200余次」是约数，写成「≥200次」更便于考核']);
  });

  test('a value that is only a unit, a number followed by words, unreadable text', () => {
    const r = check(`${HEAD}
产出指标\t数量指标\t新建堤防长度\t公里
^\t^\t比较符与单位\t≧ %
^\t^\t参训人数\t≥100按计划完成
^\t^\t排查次数\t3次10人
${TAIL}`);
    expect(r.findings).toEqual([
      'error D7 missing-value: 三级指标「新建堤防长度」的指标值「公里」只有计量单位，没有填写数值',
      'error D8 missing-value: 三级指标「比较符与单位」的指标值「≥ %」只有计量单位，没有填写数值',
      'warning D9 value-format: 三级指标「参训人数」的指标值「≥100按计划完成」：数值后混有文字「按计划完成」，无法识别计量单位',
      'info D10 unreadable-value: 无法识别三级指标「排查次数」的指标值「3次10人」，请核对是否填写正确',
    ]);
  });

  test('a rate where less is better asked to be high; a range upside down', () => {
    const r = check(`${HEAD}
产出指标\t质量指标\t逾期发放率\t>=100%
^\t^\t整改率\t95%-90%
${TAIL}`);
    expect(r.findings).toEqual([
      'warning D7 value-format: 三级指标「逾期发放率」的指标值「≥100%」：「逾期发放率」越低越好，指标值却要求不低于100%',
      'warning D8 value-format: 三级指标「整改率」的指标值「95%-90%」：范围上限90%低于下限95%',
    ]);
  });

  test('a 计量单位 column that contradicts the value or the unit in the name; text under a rate unit', () => {
    const r = check(`项目名称\t测试项目
年度资金总额\t20
一级指标\t二级指标\t三级指标\t指标值\t计量单位\t指标值类型
产出指标\t数量指标\t业务支出安排金额\t28.8万元\t%\t定量
^\t^\t防火面积(万亩)\t320\t%\t定量
^\t质量指标\t正常运转\t应保尽保\t%\t定性
^\t^\t培训人次\t≥200\t人次\t定量
${TAIL.replace(/≥90%/g, '≥90%\t%')}`);
    expect(r.findings).toEqual([
      'warning D4 value-format: 三级指标「业务支出安排金额」的指标值「28.8万元」：计量单位栏写的是「%」，与指标值的单位「万元」不一致',
      'warning D5 value-format: 三级指标「防火面积(万亩)」的指标值「320」：计量单位栏写的是「%」，与指标名称中的单位「万亩」不一致',
      'warning D6 value-format: 三级指标「正常运转」的指标值「应保尽保」：计量单位栏写的是「%」，指标值却没有数值',
    ]);
  });
});

describe('money as real tables write it', () => {
  test('scope pairs: the empty twin of a filled amount or goal is not missing', () => {
    const r = check(`项目名称\t测试项目
主管部门\t某局\t实施单位\t某局
项目资金\t年度资金总额(含本级和市县)\t年度资金总额(含本级) 20
^\t其中:财政拨款\t其中:财政拨款20
^\t其他资金\t其他资金
绩效目标\t年度总体绩效目标(含本级和市县)\t年度绩效目标(含本级) 完成工作
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t培训人次\t≥200人次
${TAIL}`);
    expect(r.findings).toEqual([]);
  });

  test('an amount typed twice; unit cost × quantity above the budget', () => {
    const r = check(`项目名称\t测试项目
主管部门\t某局\t实施单位\t某局
资金情况(万元)\t年度资金总额:\t214.06
^\t其中:财政拨款\t854万854万
绩效目标\t完成工作
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t入股合作社个数\t=10个
^\t成本指标\t补助合作社平均标准\t=23万元/个
${TAIL}`);
    expect(r.findings).toEqual([
      'error C3 sum-mismatch: 「年度资金总额」214.06万元不等于财政拨款之和854万元',
      'warning C4 value-format: 「财政拨款」的金额「854万854万」重复录入了两遍，应为854万元',
      'error D8 sum-mismatch: 成本指标「补助合作社平均标准」23万元/个乘以「入股合作社个数」10个为230万元，超过预算金额214.06万元',
    ]);
  });

  test.each([
    [
      'numbered sources (1.中央资金 2.市级资金)',
      `资金情况(万元)\t年度资金总额:\t150\n^\t其中:1.中央资金\t100\n^\t2.市级资金\t60`,
      'error C2 sum-mismatch: 「年度资金总额」150万元不等于中央资金、市级资金之和160万元',
    ],
    [
      'several labels in one cell',
      `资金\t资金总额: 280\\n一、预算资金:250\\n二、自有资金:0\\n三、其他:0`,
      'error B2 sum-mismatch: 「资金总额」280万元不等于预算资金、自筹资金、其他资金之和250万元',
    ],
    [
      'a money header row over its values',
      `专项资金情况\t本年度预计投入(万元)\t财政资金(万元)\t<\t其他\n^\t^\t中央\t省级\t^\n^\t9\t0\t7\t0`,
      'error B4 sum-mismatch: 「资金总额」9万元不等于其他资金、中央、省级之和7万元',
    ],
  ])('%s', (_, money, finding) => {
    const r = check(`项目名称\t测试项目\n${money}\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人次\t≥200人次\n${TAIL}`);
    expect(r.findings).toEqual([finding]);
  });

  test('an amount in a 成本 name against its value; rates and caps that agree pass', () => {
    const r = check(`项目名称\t测试项目
年度资金总额\t100
一级指标\t二级指标\t三级指标\t指标值
产出指标\t成本指标\t会议经费30万\t15万元
^\t^\t培训费(5万元)\t≤5万元
^\t^\t补助标准1000元\t1000元/人
^\t数量指标\t培训人次\t100人次
${TAIL}`);
    expect(r.findings).toEqual(['warning D4 text-amount-mismatch: 成本指标「会议经费30万」名称中写的金额30万元与指标值15万元不一致']);
  });

  test('an itemised breakdown with its 合计 row, column by column', () => {
    const r = check(`项目名称\t办公大楼运行保障
项目预算成本构成\t金额\t测算依据\t2020年实际执行数
保安服务费\t191\t依据招标文件\t191
保洁服务费\t99\t依据招标文件\t99
水电气费\t524\t据实结算\t372.88
合计\t841\t\t662.98
一级指标\t二级指标\t三级指标\t指标值
产出指标\t数量指标\t维修次数\t≥200次
${TAIL}`);
    expect(r.findings).toEqual([
      'error B6 sum-mismatch: 「合计(金额)」841万元不等于保安服务费、保洁服务费、水电气费之和814万元',
      'error D6 sum-mismatch: 「合计(2020年实际执行数)」662.98万元不等于保安服务费、保洁服务费、水电气费之和662.88万元',
    ]);
  });
});

describe('layouts of real templates', () => {
  test('长期 | 年度 side by side: the empty side is left alone, the filled side fully checked', () => {
    const r = check(`项目名称\t测试项目
资金总额\t100万元
一级指标\t二级指标(长期)\t三级指标(长期)\t指标值(长期)\t二级指标(年度)\t三级指标(年度)\t指标值(年度)
产出指标\t数量指标\t\t\t数量指标\t工程数量\t2个
效益指标\t社会效益指标\t\t\t社会效益指标\t办学条件\t
满意度指标\t服务对象满意度指标\t\t\t服务对象满意度指标\t满意度\t≥90%`);
    expect(r.findings).toEqual(['error G5 missing-value: 三级指标「办学条件」的指标值未填写']);
  });

  test('a list of projects under one header row is one table per project', () => {
    const r = check(`金额单位:元
单位名称\t项目名称\t预算数\t年度目标\t一级指标\t二级指标\t三级指标\t指标值
某镇\t村干部报酬\t3,309,840.00\t按时发放\t产出指标\t数量指标\t发放人数\t230人
^\t^\t^\t^\t效益指标\t社会效益指标\t维护社会稳定\t≥95%
^\t^\t^\t^\t满意度指标\t服务对象满意度指标\t群众满意度\t≥95%
^\t活动经费\t\t组织活动\t产出指标\t质量指标\t正常运转率\t≥95%
^\t^\t^\t^\t效益指标\t社会效益指标\t活动开展\t
^\t^\t^\t^\t满意度指标\t服务对象满意度指标\t群众满意度\t≥95%`);
    expect(r.tables.map((t) => `${t.range} ${t.name}`)).toEqual(['A3:H5 村干部报酬', 'A6:H8 活动经费']);
    expect(r.findings).toEqual(['error C6 missing-field: 「预算数」未填写', 'error H7 missing-value: 三级指标「活动开展」的指标值未填写']);
  });

  test('approval and signature rows end the indicators; a template without 项目名称 is named by its unit', () => {
    const r = check(`项目绩效目标表
主管部门:\t省商务厅\t资金总额:\t2430.30
^\t^\t财政拨款:\t2430.30
一级指标*\t二级指标*\t三级指标*\t绩效指标值*\t绩效度量单位
产出指标\t数量指标\t会展综合收入\t280\t亿元
${TAIL}
财政部门审核意见\t(盖章)
经办人及联系电话:王某13800000000
上报时间\t2021年10月26日`);
    expect(r.tables.map((t) => t.name)).toEqual(['省商务厅']);
    expect(r.findings).toEqual([]);
    // contact and signature lines under the indicators, alone or with their value
    for (const line of [
      '联系人：张三',
      '填报人李四',
      '审核意见',
      '单位负责人：',
      '注：1.各单位可根据项目特点自行增加或减少二级指标，并细化三级指标',
    ]) {
      expect([line, check(`${HEAD}\n产出指标\t数量指标\t培训人次\t≥200人次\n${TAIL}\n${line}`).findings]).toEqual([line, []]);
    }
    expect(r.findings).toEqual([]);
  });
});
