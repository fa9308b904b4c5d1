import { IMPORT_MAX_BYTES, type Import } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { call, GRID_1, VILLAGE, who } from "./helpers";
import { ADDRESS_HEADER, csv } from "./fixtures/ledgers";
import { imported, upload } from "./fixtures/imports";

const file = csv([[...ADDRESS_HEADER], ["权限路", "1号", "", "", "", GRID_1.lng, GRID_1.lat]]);
const query = `kind=addresses&villageCode=${VILLAGE}`;

describe("ledger imports: who may import, and what is refused at the door", () => {
  it("only an agency of the division imports; a grid worker or another county's agency is refused", async () => {
    expect((await upload(who.gridWorker, query, file)).status).toBe(403);
    expect((await upload(who.otherCountyAgency, query, file)).status).toBe(403);
    expect((await upload(who.department, query, file)).status).toBe(403);
    expect((await upload(who.countyAgency, query, file)).status).toBe(202);
  });

  it("a retried upload with its Idempotency-Key answers the import it created, without reading the file again", async () => {
    const key = { "idempotency-key": `upload-${Date.now()}` };
    const first = await upload(who.villageAgency, query, file, undefined, key);
    expect(first.status).toBe(202);
    const again = await upload(who.villageAgency, query, "not even a ledger", undefined, key);
    expect(again.status).toBe(202);
    const firstId = (await first.json<Import>()).id;
    expect((await again.json<Import>()).id).toBe(firstId);
    const other = await upload(who.villageClerk, query, file, undefined, key);
    expect((await other.json<Import>()).id).not.toBe(firstId);
    const bad = await upload(who.villageAgency, query, file, undefined, { "idempotency-key": "short" });
    expect((await bad.json<{ errors: { field: string }[] }>()).errors[0]?.field).toBe("header.idempotency-key");
  });

  it("an import is read and listed only within the caller's reach", async () => {
    const done = await imported(file);
    expect((await call(who.otherCountyAgency, "GET", `/v1/basedata/imports/${done.id}`)).status).toBe(403);
    expect((await call(who.gridWorker, "GET", `/v1/basedata/imports/${done.id}`)).status).toBe(403);
    expect((await call(who.otherCountyAgency, "POST", `/v1/basedata/imports/${done.id}/resume`)).status).toBe(403);
    expect((await call(who.otherCountyAgency, "GET", `/v1/basedata/imports?divisionCode=${VILLAGE}`)).status).toBe(403);
    expect((await call(who.villageAgency, "GET", "/v1/basedata/imports?divisionCode=440703001000")).status).toBe(403);
    const list = await call(who.countyAgency, "GET", "/v1/basedata/imports?divisionCode=440703000000&limit=200");
    expect((await list.json<{ items: Import[] }>()).items.map((i) => i.id)).toContain(done.id);
    expect((await call(who.villageAgency, "GET", "/v1/basedata/imports/im-00000000000000000000")).status).toBe(404);
  });

  it("names one division, of the right level; sends CSV or XLSX; at most 50 MB", async () => {
    const both = await upload(who.villageAgency, `${query}&townshipCode=440703001000`, file);
    expect(both.status).toBe(400);
    expect((await both.json<{ errors: { field: string }[] }>()).errors[0]?.field).toBe("query.villageCode");
    const township = await upload(who.villageAgency, "kind=addresses&villageCode=440703001000", file);
    expect((await township.json<{ errors: { field: string }[] }>()).errors[0]?.field).toBe("query.villageCode");
    const json = await upload(who.villageAgency, query, "{}", "application/json");
    expect(json.status).toBe(415);
    const big = await upload(who.villageAgency, query, new Uint8Array(IMPORT_MAX_BYTES + 1));
    expect(big.status).toBe(413);
    expect((await upload(who.villageAgency, query, "")).status).toBe(400);
  });
});
