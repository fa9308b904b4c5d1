/**
 * The words the counties' ledgers (台账) use for the codes of the `Change` union: what a clerk types into 用途,
 * 类型, 人口类型, 与户主关系 and 居住方式 of the sheets the base-data importer reads (services/basedata
 * imports/kinds/*.ts accepts each of these, or the code itself), and the columns of each sheet in its order.
 */
import type { ChangeOf } from "@civicgrid/contracts";

type House = ChangeOf<"house.upsert">;
type Unit = ChangeOf<"unit.create">;
type Person = ChangeOf<"person.register">;

export const HOUSE_USE_LABELS: Readonly<Record<House["use"], string>> = {
  residential: "住宅",
  shop: "商铺",
  factory: "厂房",
  rented: "出租屋",
  vacant: "空置",
  office: "办公",
  other: "其他",
};

export const UNIT_KIND_LABELS: Readonly<Record<Unit["unitKind"], string>> = {
  enterprise: "企业",
  shop: "个体工商户",
  social_org: "社会组织",
  school: "学校",
  key_place: "重点场所",
  government: "机关事业单位",
  other: "其他",
};

export const PERSON_TYPE_LABELS: Readonly<Record<Person["personType"], string>> = {
  registered: "户籍",
  floating: "流动",
  foreign: "境外",
};

export const RELATION_LABELS: Readonly<Record<Person["relation"], string>> = {
  head: "户主",
  spouse: "配偶",
  child: "子女",
  parent: "父母",
  grandchild: "孙子女",
  grandparent: "祖父母",
  sibling: "兄弟姐妹",
  other: "其他",
};

export const RESIDENCE_MODE_LABELS: Readonly<Record<Person["residence"]["mode"], string>> = {
  own: "自住",
  rent: "租住",
  lodge: "寄住",
};

/** Every sheet names its row's village (村/社区代码), so one file serves a township or a single village. */
export const LEDGER_COLUMNS = {
  addresses: ["村/社区代码", "道路", "门牌号", "楼栋", "单元", "房号", "经度", "纬度"],
  houses: ["村/社区代码", "地址", "用途", "面积", "房主", "房主电话", "是否出租", "房东", "房东电话"],
  units: [
    "村/社区代码",
    "单位名称",
    "类型",
    "统一社会信用代码",
    "地址",
    "法定代表人",
    "法人电话",
    "安全联系人",
    "安全联系电话",
    "从业人数",
    "重点场所",
  ],
  people: [
    "村/社区代码",
    "户号",
    "姓名",
    "身份证号",
    "国籍",
    "人口类型",
    "联系电话",
    "与户主关系",
    "居住地址",
    "居住方式",
    "起始日期",
    "标签",
  ],
} as const;

export type LedgerKind = keyof typeof LEDGER_COLUMNS;
/** The order a loader applies them in: what a row names exists before it (addresses, then what stands on them). */
export const LEDGER_KINDS: readonly LedgerKind[] = ["addresses", "houses", "units", "people"];
