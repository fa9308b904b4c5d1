import { TAG_KINDS, type Change, type TagKindCode } from "@civicgrid/contracts";
import type { Cells } from "../cells";
import type { PlannedChange } from "../plan";
import { defined, placeholder, type KindSpec } from "./spec";

export const PERSON_TYPES = {
  户籍: "registered",
  户籍人口: "registered",
  流动: "floating",
  流动人口: "floating",
  境外: "foreign",
  境外人员: "foreign",
} as const;
export const RELATIONS = {
  户主: "head",
  本人: "head",
  配偶: "spouse",
  妻: "spouse",
  夫: "spouse",
  子女: "child",
  子: "child",
  女: "child",
  父母: "parent",
  父亲: "parent",
  母亲: "parent",
  孙子女: "grandchild",
  孙子: "grandchild",
  孙女: "grandchild",
  祖父母: "grandparent",
  兄弟姐妹: "sibling",
  其他: "other",
} as const;
export const RESIDENCE_MODES = { 自住: "own", 租住: "rent", 寄住: "lodge" } as const;

/** A tag as ledgers name it: its catalogue name (独居老人), a shortening of it (低保 for 低保对象), or its code. */
export function tagKindOf(label: string): TagKindCode | null {
  const exact = TAG_KINDS.find((k) => k.name === label || k.code === label);
  if (exact) return exact.code;
  const partial = label.length >= 2 ? TAG_KINDS.filter((k) => k.name.includes(label)) : [];
  return partial.length === 1 ? partial[0]!.code : null;
}

/** 证件: a resident ID number (户籍, 流动; GB 11643 check digit verified by the contract) or a passport (境外). */
function identityOf(cells: Cells, foreign: boolean) {
  const number = cells.required("身份证号")?.replace(/\s/g, "").toUpperCase();
  if (number === undefined) return undefined;
  if (!foreign) return { document: "resident_id" as const, number };
  const nationality = cells.required("国籍")?.toUpperCase();
  return nationality === undefined ? undefined : { document: "passport" as const, number, nationality };
}

function tagsOf(cells: Cells, ctx: { villageCode: string; today: string; fileName: string }): PlannedChange[] {
  const labels = (cells.optional("标签") ?? "").split(/[;；,，、\s]+/).filter(Boolean);
  return labels.flatMap((label) => {
    const tagKind = tagKindOf(label);
    // The label is not echoed: a special group's name is sensitive personal information (PIPL art. 28).
    if (!tagKind) return (cells.fail("标签", "names no tag kind of the catalogue"), []);
    const change: Change = {
      kind: "tag.add",
      personId: placeholder("person", ctx.villageCode),
      tagKind,
      reason: "台账导入",
      source: `台账 ${ctx.fileName}`.slice(0, 200),
      start: ctx.today,
    };
    return [{ change, refs: [{ path: "personId", column: "标签", target: { to: "created" as const, index: 0 } }] }];
  });
}

/**
 * A row of a population ledger (实有人口): a person registered with their identity, household (户号: joined when
 * the village keeps it, started otherwise), residence at a house the village keeps (by the address's full text)
 * and their care or special-group tags (标签, "独居老人;低保").
 */
export const peopleSpec: KindSpec = {
  aliases: {
    身份证号: ["证件号码", "公民身份号码", "身份证号码"],
    联系电话: ["电话", "手机号码"],
    居住地址: ["现住址", "地址"],
  },
  required: ["身份证号", "姓名", "人口类型", "与户主关系", "居住地址", "居住方式", "起始日期"],
  columns: {
    "identity.number": "身份证号",
    "identity.nationality": "国籍",
    name: "姓名",
    personType: "人口类型",
    phone: "联系电话",
    household: "户号",
    "household.newHousehold.number": "户号",
    relation: "与户主关系",
    "residence.houseId": "居住地址",
    "residence.mode": "居住方式",
    "residence.since": "起始日期",
    personId: "标签",
    tagKind: "标签",
  },
  map(cells, ctx) {
    const personType = cells.label("人口类型", PERSON_TYPES, true);
    const identity = identityOf(cells, personType === "foreign");
    const name = cells.required("姓名");
    const relation = cells.label("与户主关系", RELATIONS, true);
    const number = cells.optional("户号");
    if (!number && relation !== undefined && relation !== "head") cells.fail("户号", "required unless 户主");
    const address = cells.required("居住地址");
    const mode = cells.label("居住方式", RESIDENCE_MODES, true);
    const since = cells.date("起始日期", true);
    const phone = cells.optional("联系电话");
    const tags = tagsOf(cells, ctx);
    if (!personType || !identity || !name || !relation || !address || !mode || !since || cells.errors.length > 0)
      return undefined;
    const person: Change = {
      kind: "person.register",
      identity,
      name,
      personType,
      ...defined({ phone }),
      household: { newHousehold: defined({ number }) },
      relation,
      residence: { houseId: placeholder("house", ctx.villageCode), mode, since },
    };
    const refs = [
      {
        path: "residence.houseId",
        column: cells.header("居住地址"),
        target: { to: "house-at" as const, text: address },
      },
      ...(number
        ? [{ path: "household", column: cells.header("户号"), target: { to: "household" as const, number } }]
        : []),
    ];
    const key = { column: cells.header("身份证号"), value: `${identity.document}:${identity.number}` };
    return { changes: [{ change: person, refs }, ...tags], key };
  },
};
