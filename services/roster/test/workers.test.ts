import { principals } from "@civicgrid/testing";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, key, newWorker } from "./helpers";

const VILLAGE = "440703001001";
type W = {
  id: string;
  idNumberMasked: string;
  privatePhoneMasked: string;
  gender: string;
  birthDate: string;
  version: number;
};

describe("workers: real-name records with private data encrypted and masked", () => {
  it("registers a worker, derives gender and birth date, and answers only masked private data", async () => {
    const body = newWorker(VILLAGE);
    const res = await call<W>(principals.countyAgency, "POST", "/v1/workers", body, key());
    expect(res.status).toBe(201);
    expect(res.body.idNumberMasked).toBe(`${body.idNumber.slice(0, 6)}********${body.idNumber.slice(14)}`);
    expect(res.body.privatePhoneMasked).toBe(`${body.privatePhone.slice(0, 3)}****${body.privatePhone.slice(7)}`);
    expect(res.body).toMatchObject({ gender: "male", birthDate: "1985-06-15", version: 1 });
    const stored = await env.DB.prepare("SELECT * FROM workers WHERE id = ?1")
      .bind(res.body.id)
      .first<Record<string, string>>();
    expect(JSON.stringify(stored)).not.toContain(body.idNumber);
    expect(JSON.stringify(stored)).not.toContain(body.privatePhone);
  });

  it("refuses an ID number with a wrong check digit or an impossible birth date, naming the field", async () => {
    const good = newWorker(VILLAGE).idNumber;
    const wrongCheck = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    for (const idNumber of [wrongCheck, "440703198502301234"]) {
      const res = await call<{ errors: { field: string }[] }>(
        principals.countyAgency,
        "POST",
        "/v1/workers",
        newWorker(VILLAGE, { idNumber }),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e) => e.field)).toContain("body.idNumber");
    }
  });

  it("refuses a second record with the same ID number (found by keyed hash, without decrypting)", async () => {
    const body = newWorker(VILLAGE);
    expect((await call(principals.countyAgency, "POST", "/v1/workers", body)).status).toBe(201);
    const again = await call(principals.countyAgency, "POST", "/v1/workers", { ...body, privatePhone: "13912345678" });
    expect(again.status).toBe(409);
  });

  it("lets HR read private data in full, one record at a time, and audits each read", async () => {
    const body = newWorker(VILLAGE);
    const w = await call<W>(principals.hr, "POST", "/v1/workers", body);
    const pii = await call<{ idNumber: string; privatePhone: string }>(
      principals.hr,
      "GET",
      `/v1/workers/${w.body.id}/pii`,
    );
    expect(pii.status).toBe(200);
    expect(pii.body).toMatchObject({ idNumber: body.idNumber, privatePhone: body.privatePhone });
    expect(pii.headers.get("cache-control")).toBe("no-store");
    const audit = await env.DB.prepare("SELECT reader_sub FROM pii_reads WHERE worker_id = ?1")
      .bind(w.body.id)
      .all<{ reader_sub: string }>();
    expect(audit.results).toEqual([{ reader_sub: principals.hr.sub }]);
    for (const p of [principals.countyAgency, principals.admin, principals.department]) {
      expect((await call(p, "GET", `/v1/workers/${w.body.id}/pii`)).status).toBe(403);
    }
  });

  it("refuses a county agency on another county's workers, for reading and writing", async () => {
    const w = await call<W>(principals.countyAgency, "POST", "/v1/workers", newWorker(VILLAGE));
    const other = principals.otherCountyAgency;
    expect((await call(other, "GET", `/v1/workers/${w.body.id}`)).status).toBe(403);
    expect(
      (await call(other, "PATCH", `/v1/workers/${w.body.id}`, { workPhone: "0750-1111111" }, { "if-match": '"v1"' }))
        .status,
    ).toBe(403);
    expect((await call(other, "POST", "/v1/workers", newWorker(VILLAGE))).status).toBe(403);
    const list = await call<{ items: W[] }>(other, "GET", "/v1/workers?divisionCode=440705000000");
    expect(list.body.items.map((x) => x.id)).not.toContain(w.body.id);
    expect((await call(other, "GET", "/v1/workers?divisionCode=440703000000")).status).toBe(403);
    expect((await call(principals.gridWorker, "GET", `/v1/workers/${w.body.id}`)).status).toBe(403);
  });

  it("requires If-Match on updates and refuses a stale one", async () => {
    const w = await call<W>(principals.countyAgency, "POST", "/v1/workers", newWorker(VILLAGE));
    const path = `/v1/workers/${w.body.id}`;
    expect((await call(principals.countyAgency, "PATCH", path, { workPhone: "0750-2222222" })).status).toBe(428);
    const ok = await call<W>(
      principals.countyAgency,
      "PATCH",
      path,
      { workPhone: "0750-2222222" },
      { "if-match": w.etag! },
    );
    expect(ok.status).toBe(200);
    expect(ok.etag).toBe('"v2"');
    expect(
      (await call(principals.countyAgency, "PATCH", path, { workPhone: "0750-3333333" }, { "if-match": '"v1"' }))
        .status,
    ).toBe(412);
  });

  it("replays a repeated command with the same Idempotency-Key (one worker made)", async () => {
    const body = newWorker(VILLAGE);
    const k = key();
    const a = await call<W>(principals.countyAgency, "POST", "/v1/workers", body, k);
    const b = await call<W>(principals.countyAgency, "POST", "/v1/workers", body, k);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
    expect(b.body.id).toBe(a.body.id);
  });

  it("pages the worker list with a cursor", async () => {
    for (let i = 0; i < 3; i++) await call(principals.countyAgency, "POST", "/v1/workers", newWorker("440703002001"));
    const first = await call<{ items: W[]; nextCursor: string }>(
      principals.countyAgency,
      "GET",
      "/v1/workers?divisionCode=440703002000&limit=2",
    );
    expect(first.body.items).toHaveLength(2);
    const second = await call<{ items: W[] }>(
      principals.countyAgency,
      "GET",
      `/v1/workers?divisionCode=440703002000&limit=2&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items.length).toBeGreaterThanOrEqual(1);
    expect(second.body.items[0]!.id > first.body.items[1]!.id).toBe(true);
  });
});
