import type { BaseDataRpc, ResolvedParty } from "@civicgrid/contracts";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  deliverNow,
  doorInGrid1,
  entered,
  enteredId,
  houseIn,
  houseInGrid,
  idNumberOf,
  registered,
  VILLAGE,
  who,
  XINHUI,
  XINHUI_VILLAGE,
} from "./helpers";

/** The service's RPC as the cases service calls it (its default export: BaseDataRpc). */
const rpc = exports.default as unknown as BaseDataRpc;

describe("BaseDataRpc.resolveParties (a dispute's parties recognised in base data)", () => {
  it("answers each reference in order: people with open tag kinds, units, ID numbers through the index, nulls", async () => {
    const idNumber = idNumberOf("440703", "19700512", "631");
    const person = await registered(idNumber, await houseInGrid(1), { name: "欧阳明远" });
    const tag = (kind: "left_behind_child" | "elderly_alone" | "mental_disorder_risk") =>
      entered({
        kind: "tag.add",
        personId: person,
        tagKind: kind,
        reason: "测试",
        source: "test",
        start: "2026-01-01",
      });
    await tag("mental_disorder_risk");
    await tag("elderly_alone");
    const ending = await tag("left_behind_child");
    await entered({ kind: "tag.end", tagId: ending.recordId!, end: "2026-06-30", reason: "返乡" });
    const { door } = await doorInGrid1();
    const unit = await enteredId({
      kind: "unit.create",
      name: "白沙建材厂",
      unitKind: "enterprise",
      addressId: door,
      keyPlace: false,
    });
    await deliverNow(VILLAGE); // the identity index learns the person's keyed hash

    const answers = await rpc.resolveParties([
      { personId: person },
      { unitId: unit },
      { idNumber },
      { personId: "pe-440703001001-999999" }, // no such person
      { personId: "pe-440799001001-000001" }, // a village without base data
      { unitId: person }, // a person's id given as a unit
      { idNumber: idNumberOf("440703", "19800101", "999") }, // not in base data
    ]);
    const named: ResolvedParty = {
      ref: person,
      name: "欧阳*远",
      villageCode: VILLAGE,
      gridCode: "440703001001001",
      tagKinds: ["elderly_alone", "mental_disorder_risk"],
    };
    expect(answers).toEqual([
      named,
      { ref: unit, name: "白沙**厂", villageCode: VILLAGE, gridCode: "440703001001001", tagKinds: [] },
      named,
      null,
      null,
      null,
      { ref: null, name: null, villageCode: null, gridCode: null, tagKinds: [] },
    ]);
    expect(await rpc.resolveParties([])).toEqual([]);
  });

  it("resolves parties of several villages in one call, each in its own village", async () => {
    const baisha = await registered(idNumberOf("440703", "19650303", "415"), await houseInGrid(2), { name: "李四" });
    const xh = who.otherCountyAgency;
    const road = await enteredId({ kind: "address.create", level: "road", name: "会城大道" }, xh, XINHUI_VILLAGE);
    const door = await enteredId(
      { kind: "address.create", level: "door", parentId: road, name: "8号", ...XINHUI },
      xh,
      XINHUI_VILLAGE,
    );
    const house = await houseIn(XINHUI_VILLAGE, door);
    const huicheng = await registered(idNumberOf("440705", "19720909", "218"), house, {
      name: "陈大文",
      village: XINHUI_VILLAGE,
      principal: xh,
    });
    const answers = await rpc.resolveParties([{ personId: huicheng }, { personId: baisha }]);
    expect(answers).toEqual([
      { ref: huicheng, name: "陈*文", villageCode: XINHUI_VILLAGE, gridCode: "440705001001001", tagKinds: [] },
      { ref: baisha, name: "李*", villageCode: VILLAGE, gridCode: "440703001001002", tagKinds: [] },
    ]);
  });
});
