/** Plausible Chinese personal names, weighted toward surnames common in the Wuyi (五邑) area. */
import type { Gender } from "./types";
import type { Rng } from "./random";

const SURNAMES = [
  "李", "黄", "陈", "梁", "关", "谭", "甄", "伍", "余", "吴", "张", "林", "邓", "冯", "司徒", "区", "周", "何",
  "刘", "罗", "胡", "许", "郑", "赵", "杨", "钟", "朱", "麦", "容", "马", "卢", "潘", "苏", "叶", "莫", "袁",
  "方", "汤", "曾", "温", "蔡", "杜", "岑", "雷", "彭", "欧阳",
];
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => (i < 12 ? 6 : i < 24 ? 3 : 1));

const MALE = [
  "伟", "强", "明", "志", "国", "建", "华", "俊", "杰", "斌", "浩", "锦", "荣", "耀", "森", "永", "文", "德",
  "嘉", "健", "辉", "劲", "海", "振", "家", "泽", "宇", "晖", "汉", "炳", "昌", "宏", "立", "兆", "冠", "卓",
];
const FEMALE = [
  "丽", "芳", "敏", "静", "婷", "燕", "玲", "秀", "慧", "美", "娟", "霞", "红", "雪", "琳", "颖", "欣", "嘉",
  "洁", "丹", "翠", "凤", "月", "佩", "少", "碧", "莉", "晓", "倩", "诗", "惠", "妙", "爱", "宝", "梅", "银",
];

export function personName(rng: Rng, gender: Gender): string {
  const surname = SURNAMES[rng.weighted(SURNAME_WEIGHTS)] ?? "李";
  const chars = gender === "male" ? MALE : FEMALE;
  const given = rng.chance(0.78) ? rng.pick(chars) + rng.pick(chars) : rng.pick(chars);
  return surname + given;
}
