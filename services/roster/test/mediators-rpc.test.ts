import { principals } from "@civicgrid/testing";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "./helpers";
import { body, committee, departmentsOfTheCounty, gridWorker, mediator, newMediator } from "./mediation-helpers";

/** RosterMediatorsRpc.mediator: what the cases service checks when a dispute is assigned a mediator. */
const agency = principals.countyAgency;
const V1 = { "if-match": '"v1"' };
let village: { id: string };

beforeAll(async () => {
  await departmentsOfTheCounty();
  village = await body(agency, { ...committee("440703001001"), name: "白沙村人民调解委员会" });
});

describe("RPC mediator(id): the mediator as a dispute's assignment sees them", () => {
  it("answers an active committee mediator with the name unmasked, the body and the qualification", async () => {
    const m = newMediator("village_committee", village.id, { name: "陈调解" });
    const { id } = await mediator(agency, m);
    const contact = await exports.default.mediator(id);
    expect(contact).toEqual({
      id,
      name: "陈调解",
      kind: "village_committee",
      bodyId: village.id,
      bodyName: "白沙村人民调解委员会",
      divisionCode: "440703001001",
      workerId: null,
      qualification: `${m.qualification.certificateNumber} (江门市蓬江区司法局, valid until 2031-12-31)`,
      active: true,
    });
    expect(JSON.stringify(contact)).not.toContain(m.phone);
  });

  it("answers a grid worker in the worker's division, with no body", async () => {
    const w = await gridWorker("440703001002");
    const { id } = await mediator(agency, { ...newMediator("grid_worker", undefined), workerId: w.id });
    const contact = await exports.default.mediator(id);
    expect(contact).toMatchObject({ kind: "grid_worker", bodyId: null, bodyName: null, workerId: w.id, active: true });
    expect(contact?.divisionCode).toBe("440703001002");
    await call(agency, "POST", `/v1/workers/${w.id}/status`, { status: "dismissed", reason: "离职" }, V1);
    expect((await exports.default.mediator(id))?.active).toBe(false);
  });

  it("answers inactive once deactivated, once the body stands down, or once the qualification has expired", async () => {
    const off = await mediator(agency, newMediator("village_committee", village.id));
    await call(agency, "POST", `/v1/mediators/${off.id}/deactivate`, { reason: "调离" }, V1);
    expect((await exports.default.mediator(off.id))?.active).toBe(false);

    const closing = await body(agency, committee("440703001001"));
    const member = await mediator(agency, newMediator("village_committee", closing.id));
    expect((await exports.default.mediator(member.id))?.active).toBe(true);
    await call(agency, "PATCH", `/v1/mediation-bodies/${closing.id}`, { active: false }, V1);
    expect((await exports.default.mediator(member.id))?.active).toBe(false);

    // Time passes: the certificate's last valid day is now behind us (registration refuses an expired one).
    const lapsing = await mediator(agency, newMediator("village_committee", village.id));
    await env.DB.prepare("UPDATE mediators SET certificate_valid_until = '2025-12-31' WHERE id = ?1")
      .bind(lapsing.id)
      .run();
    expect(await exports.default.mediator(lapsing.id)).toMatchObject({ active: false, name: "陈调解" });
  });

  it("answers null for an id it does not know", async () => {
    expect(await exports.default.mediator("med-nobody-here")).toBeNull();
  });
});
