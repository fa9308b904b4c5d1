/**
 * The demo matters: the city's catalogue (five areas and the twelve kinds of grid work of Jiangmen's
 * drafting notes, seeds/003) and the admission and forbidden lists every county starts from. Matter codes
 * follow the case categories of @civicgrid/demo-data (0101 邻里纠纷 ...), so demo cases find their matter.
 */
import type { AdmissionItem, ForbiddenItem, MatterAttribute } from "@civicgrid/contracts";

export const CATEGORIES: readonly { code: string; name: string; parentCode: string | null; description: string }[] = [
  { code: "A1", name: "网格信息采集维护", parentCode: null, description: "人、地、事、物、组织等基础信息和动态信息" },
  { code: "A2", name: "社会治安巡防", parentCode: null, description: "重点部位巡查、治安隐患和不稳定因素" },
  { code: "A3", name: "矛盾隐患排查", parentCode: null, description: "矛盾纠纷、公共安全隐患、突发事件" },
  { code: "A4", name: "为民服务", parentCode: null, description: "便民利民服务和政策宣传" },
  { code: "A5", name: "城乡治理协管", parentCode: null, description: "环境卫生、城市管理和市政设施" },
  { code: "01", name: "矛盾纠纷", parentCode: "A3", description: "邻里、婚姻家庭、劳资等纠纷的排查和简单调解" },
  { code: "02", name: "安全隐患", parentCode: "A3", description: "燃气、自建房等公共安全隐患" },
  { code: "03", name: "环境卫生", parentCode: "A5", description: "垃圾堆放、污水排放等" },
  { code: "04", name: "城市管理", parentCode: "A5", description: "占道经营、违法建设等线索报告" },
  { code: "05", name: "民生服务", parentCode: "A4", description: "救助、就业、社会保障等诉求" },
  { code: "06", name: "社会治安", parentCode: "A2", description: "治安隐患、涉违法犯罪线索" },
  { code: "07", name: "重点人员与不稳定因素", parentCode: "A2", description: "信访、群体性事件苗头" },
  { code: "08", name: "市政设施", parentCode: "A5", description: "道路、路灯、井盖等设施损坏" },
  { code: "09", name: "消防", parentCode: "A3", description: "消防通道、电动自行车充电等" },
  { code: "10", name: "信息采集", parentCode: "A1", description: "实有人口、特殊人群动态信息采集" },
  { code: "11", name: "应急管理", parentCode: "A3", description: "突发事件报告、预警信息播报" },
  { code: "12", name: "政策宣传", parentCode: "A4", description: "平安建设、反诈等宣传" },
];

const wd = (amount: number) => ({ amount, unit: "working_days" as const });
const wh = (amount: number) => ({ amount, unit: "working_hours" as const });
const min = (amount: number) => ({ amount, unit: "minutes" as const });
const usual = { accept: wd(1), dispatch: wd(1), sign: wd(1), handle: wd(5), check: wd(2) };
/** The usual flags and settings: no alarm, no before/after photos required, duplicates within 50 m and 7 days. */
const flags = {
  emergency: false,
  stabilityRisk: false,
  policeCall: false,
  beforeAfterPhotos: [] as AdmissionItem["beforeAfterPhotos"],
  duplicates: { radiusMeters: 50, windowDays: 7 },
};

export const ADMISSION: readonly AdmissionItem[] = [
  {
    matterCode: "0101",
    name: "邻里纠纷",
    categoryCode: "01",
    responsibleDepartmentKind: "justice",
    workerDuty: "handle",
    limits: usual,
    ...flags,
  },
  {
    matterCode: "0102",
    name: "婚姻家庭纠纷",
    categoryCode: "01",
    responsibleDepartmentKind: "justice",
    workerDuty: "handle",
    limits: usual,
    ...flags,
  },
  {
    matterCode: "0103",
    name: "劳资纠纷",
    categoryCode: "01",
    responsibleDepartmentKind: "hrss",
    workerDuty: "report",
    limits: { ...usual, handle: wd(10) },
    ...flags,
  },
  {
    matterCode: "0201",
    name: "消防安全隐患",
    categoryCode: "02",
    responsibleDepartmentKind: "fire",
    workerDuty: "report",
    limits: { ...usual, handle: wd(3) },
    ...flags,
  },
  {
    matterCode: "0202",
    name: "燃气安全隐患",
    categoryCode: "02",
    responsibleDepartmentKind: "housing",
    workerDuty: "report",
    limits: { accept: wh(2), dispatch: wh(2), sign: wh(1), handle: wd(1), check: wd(1) },
    ...flags,
  },
  {
    matterCode: "0203",
    name: "自建房安全隐患",
    categoryCode: "02",
    responsibleDepartmentKind: "housing",
    workerDuty: "report",
    limits: { ...usual, handle: wd(10) },
    ...flags,
  },
  {
    matterCode: "0301",
    name: "垃圾乱堆放",
    categoryCode: "03",
    responsibleDepartmentKind: "urban_management",
    workerDuty: "handle",
    limits: { ...usual, handle: wd(2) },
    ...flags,
  },
  {
    matterCode: "0302",
    name: "违规排污",
    categoryCode: "03",
    responsibleDepartmentKind: "ecology",
    workerDuty: "report",
    limits: usual,
    ...flags,
  },
  {
    matterCode: "0401",
    name: "占道经营",
    categoryCode: "04",
    responsibleDepartmentKind: "urban_management",
    workerDuty: "report",
    limits: { ...usual, handle: wd(3) },
    ...flags,
  },
  {
    matterCode: "0402",
    name: "违法建设线索",
    categoryCode: "04",
    responsibleDepartmentKind: "urban_management",
    workerDuty: "report",
    limits: { ...usual, handle: wd(15) },
    ...flags,
  },
  {
    matterCode: "0501",
    name: "困难群众救助",
    categoryCode: "05",
    responsibleDepartmentKind: "civil_affairs",
    workerDuty: "collect",
    limits: { ...usual, handle: wd(10) },
    ...flags,
  },
  {
    matterCode: "0502",
    name: "就业求助",
    categoryCode: "05",
    responsibleDepartmentKind: "hrss",
    workerDuty: "collect",
    limits: usual,
    ...flags,
  },
  {
    matterCode: "0601",
    name: "治安隐患",
    categoryCode: "06",
    responsibleDepartmentKind: "police",
    workerDuty: "report",
    limits: { ...usual, handle: wd(3) },
    ...flags,
  },
  {
    matterCode: "0701",
    name: "不稳定因素",
    categoryCode: "07",
    responsibleDepartmentKind: "petition",
    workerDuty: "report",
    limits: { accept: min(30), dispatch: wh(2), sign: wh(2), handle: wd(3), check: wd(1) },
    ...flags,
    stabilityRisk: true,
  },
  {
    matterCode: "0801",
    name: "道路破损",
    categoryCode: "08",
    responsibleDepartmentKind: "housing",
    workerDuty: "report",
    limits: usual,
    ...flags,
  },
  {
    matterCode: "0802",
    name: "路灯故障",
    categoryCode: "08",
    responsibleDepartmentKind: "urban_management",
    workerDuty: "report",
    limits: { ...usual, handle: wd(3) },
    ...flags,
  },
  {
    matterCode: "0901",
    name: "消防通道堵塞",
    categoryCode: "09",
    responsibleDepartmentKind: "fire",
    workerDuty: "handle",
    limits: { accept: wh(4), dispatch: wh(4), sign: wh(2), handle: wd(1), check: wd(1) },
    ...flags,
  },
  {
    matterCode: "0902",
    name: "电动自行车违规充电",
    categoryCode: "09",
    responsibleDepartmentKind: "fire",
    workerDuty: "handle",
    limits: { ...usual, handle: wd(2) },
    ...flags,
  },
  {
    matterCode: "1001",
    name: "实有人口信息采集",
    categoryCode: "10",
    responsibleDepartmentKind: "police",
    workerDuty: "collect",
    limits: { handle: wd(10) },
    ...flags,
  },
  {
    matterCode: "1002",
    name: "特殊人群动态信息",
    categoryCode: "10",
    responsibleDepartmentKind: "justice",
    workerDuty: "collect",
    limits: { handle: wd(5) },
    ...flags,
  },
  {
    matterCode: "1101",
    name: "突发事件报告",
    categoryCode: "11",
    responsibleDepartmentKind: "emergency",
    workerDuty: "report",
    limits: { accept: min(10), dispatch: min(30), sign: min(30), handle: wh(24), check: wd(1) },
    ...flags,
    emergency: true,
    policeCall: true,
  },
  {
    matterCode: "1201",
    name: "反电信网络诈骗宣传",
    categoryCode: "12",
    responsibleDepartmentKind: "police",
    workerDuty: "handle",
    limits: { handle: wd(20) },
    ...flags,
  },
  // Demo/e2e configuration, not a real matter: minute-scale limits so the e2e suite can watch a deadline pass.
  {
    matterCode: "E2E-MINUTE",
    name: "端到端测试：分钟级时限事项（演示配置）",
    categoryCode: "06",
    responsibleDepartmentKind: "police",
    workerDuty: "report",
    limits: { accept: min(1), dispatch: min(1), sign: min(1), handle: min(2), check: min(2) },
    ...flags,
  },
];

export const FORBIDDEN: readonly ForbiddenItem[] = [
  {
    matterCode: "F01",
    name: "城市管理执法类行政处罚",
    categoryCode: "04",
    rule: "网格员不承担行政执法职责，城市管理领域的行政处罚由城市管理综合执法部门依法实施，不得交由网格员办理。",
  },
  {
    matterCode: "F02",
    name: "征地拆迁与强制清拆",
    categoryCode: null,
    rule: "征地拆迁、强制清拆属于行政机关法定职责，不得纳入网格事项。",
  },
  {
    matterCode: "F03",
    name: "招商引资与税费征收",
    categoryCode: null,
    rule: "招商引资、税费征收等经济任务不得下派网格员。",
  },
  {
    matterCode: "F04",
    name: "迎检材料与台账报送",
    categoryCode: null,
    rule: "各类检查评比的材料整理、台账报送不得要求网格员承担（甘肃办法二(二)4）。",
  },
  {
    matterCode: "F05",
    name: "安全生产执法检查",
    categoryCode: "02",
    rule: "网格员可以协助排查隐患，但不得独立开展安全生产执法检查。",
  },
];

/** How urgent the reporter finds it: a question several demo matters ask (Open311 singlevaluelist). */
const URGENCY: MatterAttribute = {
  code: "urgency",
  description: "紧急程度",
  datatype: "singlevaluelist",
  required: false,
  order: 9,
  values: [
    { key: "normal", name: "一般" },
    { key: "urgent", name: "较急" },
    { key: "danger", name: "危及安全" },
  ],
};

/**
 * The catalogue's definitions of some demo matters: what residents' apps show (description, keywords, group)
 * and the extra questions a report asks (Open311 attributes). E2E-MINUTE is test configuration: never listed.
 */
export const DEFINITIONS: readonly {
  matterCode: string;
  description: string;
  keywords: string[];
  group: string | null;
  attributes: MatterAttribute[];
  listed: boolean;
}[] = [
  {
    matterCode: "0801",
    description: "道路、人行道路面坑洼、塌陷、破损，影响通行安全",
    keywords: ["道路", "坑洼", "塌陷", "路面"],
    group: "市政设施",
    attributes: [
      {
        code: "damage_area",
        description: "破损面积（平方米，估计即可）",
        datatype: "number",
        required: true,
        order: 1,
      },
      {
        code: "lane_blocked",
        description: "是否占用车道",
        datatype: "singlevaluelist",
        required: false,
        order: 2,
        values: [
          { key: "yes", name: "是" },
          { key: "no", name: "否" },
        ],
      },
      URGENCY,
    ],
    listed: true,
  },
  {
    matterCode: "0802",
    description: "路灯不亮、闪烁、白天常亮或灯杆倾斜",
    keywords: ["路灯", "照明", "灯杆"],
    group: "市政设施",
    attributes: [
      {
        code: "pole_number",
        description: "灯杆编号（灯杆上的喷涂编号）",
        datatype: "string",
        required: true,
        order: 1,
      },
      {
        code: "fault",
        description: "故障现象（可多选）",
        datatype: "multivaluelist",
        required: false,
        order: 2,
        values: [
          { key: "dark", name: "不亮" },
          { key: "flicker", name: "闪烁" },
          { key: "daylight", name: "白天常亮" },
          { key: "tilted", name: "灯杆倾斜" },
        ],
      },
      URGENCY,
    ],
    listed: true,
  },
  {
    matterCode: "0301",
    description: "生活垃圾、建筑垃圾乱堆乱放，垃圾桶满溢",
    keywords: ["垃圾", "卫生"],
    group: "环境卫生",
    attributes: [URGENCY],
    listed: true,
  },
  {
    matterCode: "0901",
    description: "楼道、消防通道被占用或堵塞",
    keywords: ["消防通道", "楼道", "堵塞"],
    group: "消防",
    attributes: [URGENCY],
    listed: true,
  },
  {
    matterCode: "E2E-MINUTE",
    description: "端到端测试配置，不对公众展示",
    keywords: [],
    group: null,
    attributes: [],
    listed: false,
  },
];
