import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entered } from "../basedata-client";
import { call } from "../client";
import { command, read } from "../cases-client";
import { pointIn, WORKER_GRID } from "../places";
import { DESKTOP, expectAccessible, expectClean, launch, open, PHONE, screenshot, shown } from "./browser";
import { pngPhoto } from "./png";

const worker = "demo-grid-worker";
const township = "demo-township-agency";
const urban = "user-dept-440703-urban_management";
const villageAgency = "demo-village-agency";
const run = Date.now() % 1_000_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("screens: the resident pages (H5), on a phone, without a login", () => {
  it("finds my grid, reports with a photo and location, follows it, and rates it once closed", async () => {
    const here = pointIn(WORKER_GRID);
    const opened = await open(browser, "/h5/", {
      viewport: PHONE,
      geolocation: { latitude: here.lat, longitude: here.lng },
    });
    const { page } = opened;
    await shown(page.getByRole("heading", { name: "居民服务", level: 1 }));
    await expectAccessible(page);
    await screenshot(page, "resident-home");

    // Find my grid from the phone's location: the disclosure the registry publishes for it.
    const disclosure = (await call(`/v1/public/grids/${WORKER_GRID}`)).json as {
      name: string;
      supervisionPhone: string;
      workers: { name: string; workPhone: string }[];
    };
    await page.getByRole("link", { name: /查找我的网格/ }).click();
    await shown(page.getByRole("heading", { name: "查找我的网格" }));
    await expectAccessible(page);
    await screenshot(page, "resident-find-grid");
    await page.getByRole("button", { name: "使用我的位置查找" }).click();
    await shown(page.getByRole("heading", { name: disclosure.name, level: 1 }));
    expect(page.url()).toContain(`/h5/grid/${WORKER_GRID}`);
    await shown(page.getByText(WORKER_GRID));
    await shown(page.getByRole("link", { name: disclosure.supervisionPhone }));
    expect(disclosure.workers.length).toBeGreaterThan(0);
    for (const w of disclosure.workers) await shown(page.getByRole("link", { name: w.workPhone }));
    await expectAccessible(page);
    await screenshot(page, "resident-grid");

    // Report a problem with the phone's location and a photo.
    await page.getByRole("link", { name: "在本网格反映问题" }).click();
    await shown(page.getByRole("heading", { name: "反映问题" }));
    await page.getByRole("button", { name: "使用我的位置" }).click();
    await shown(page.getByText(`所在网格：${disclosure.name}`));
    expect(Number(await page.getByLabel("经度").inputValue())).toBeCloseTo(here.lng, 5);
    // The categories are the matters the county's list admits where the resident stands.
    await page.getByLabel("问题类别").selectOption("0801");
    await page.getByLabel("标题").fill("人行道井盖缺失");
    await page.getByLabel("问题描述").fill("小区南门外人行道井盖缺失，夜间有行人踩空的危险");
    await page
      .getByLabel("现场照片（选填）")
      .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: pngPhoto() });
    await expectAccessible(page);
    await screenshot(page, "resident-report");
    // A double tap sends one report.
    const reports: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname === "/v1/public/cases") reports.push(r.url());
    });
    await page.getByRole("button", { name: "提交" }).dblclick();
    await shown(page.getByRole("heading", { name: "已提交" }));
    expect(reports).toHaveLength(1);
    const id = (await page.getByTestId("case-id").textContent()) ?? "";
    const token = (await page.getByTestId("follow-token").textContent()) ?? "";
    expect(id).toMatch(/^CASE-\d{8}-[A-Z2-7]{10}$/);
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    await shown(page.getByText("已上传"));
    await expectAccessible(page);
    await screenshot(page, "resident-reported");

    // The case is the resident's, where they stood, with their photo (through the staff API).
    const seen = await read(township, id);
    expect(seen).toMatchObject({ source: "resident", title: "人行道井盖缺失", gridCode: WORKER_GRID });
    const media = (await call(`/v1/cases/${id}/media`, { as: township })).json as {
      items: { stage: string; contentType: string }[];
    };
    expect(media.items).toEqual([expect.objectContaining({ stage: "report", contentType: "image/png" })]);

    // Follow it: the page polls, so the status changes on screen as staff move the case on, without a reload.
    await page.getByRole("link", { name: "查看办理进度" }).click();
    await shown(page.getByRole("heading", { name: "人行道井盖缺失" }));
    await expect.poll(() => page.getByTestId("status").textContent()).toBe("已受理登记");
    await expectAccessible(page);
    await screenshot(page, "resident-follow");

    let c = await command(worker, seen, "verify", { note: "现场核实属实" });
    c = await command(township, c, "accept");
    c = await command(township, c, "dispatch", { leadDepartmentId: "dept-440703-urban_management" });
    c = await command(urban, c, "sign");
    c = await command(urban, c, "handle", { outcome: "已补装井盖并设置警示" });
    c = await command(township, c, "check", { passed: true, opinion: "现场复核合格" });
    expect(c.status).toBe("closed");
    await expect
      .poll(() => page.getByTestId("status").textContent(), { timeout: 25_000, interval: 1_000 })
      .toBe("已结案，待您评价");
    await shown(page.getByText("已补装井盖并设置警示"));
    await shown(page.getByText("核查通过，结案"));

    // Rate it in the page, once: the rating reaches the case.
    await shown(page.getByRole("heading", { name: "评价办理结果" }));
    await expectAccessible(page);
    await screenshot(page, "resident-rate");
    await page.getByLabel("满意", { exact: true }).check();
    await page.getByLabel("意见（选填）").fill("处理及时，谢谢");
    await page.getByRole("button", { name: "提交评价" }).click();
    await expect.poll(() => page.getByTestId("status").textContent()).toBe("已评价");
    await expect.poll(() => page.getByTestId("rating").textContent()).toBe("满意");
    await expect(page.getByRole("heading", { name: "评价办理结果" }).count()).resolves.toBe(0);
    const rated = await read(township, id);
    expect(rated).toMatchObject({ status: "rated", rating: "satisfied" });
    await screenshot(page, "resident-rated");
    expectClean(opened);

    // Another tab (no stored token) asks for it; a wrong token shows the API's refusal, the right one the case.
    const other = await open(browser, `/h5/follow/${id}`, { viewport: PHONE });
    await shown(other.page.getByRole("heading", { name: "查询进度" }));
    await other.page.getByLabel("查询码（32 位）").fill("0".repeat(32));
    await other.page.getByRole("button", { name: "查询" }).click();
    await shown(other.page.getByRole("alert").getByText("no case with this id and token"));
    await expectAccessible(other.page);
    await screenshot(other.page, "resident-follow-token");
    await other.page.getByLabel("查询码（32 位）").fill(token);
    await other.page.getByRole("button", { name: "查询" }).click();
    await expect.poll(() => other.page.getByTestId("status").textContent()).toBe("已评价");
    // The refusal is shown on the page; the browser's own note of the 404 is the only thing logged.
    expect(other.problems.filter((p) => !/status of 404/.test(p))).toEqual([]);
    // On a wide screen, by the keyboard alone: the grid code typed and Enter pressed finds the same disclosure.
    const wide = await open(browser, "/h5/grid", { viewport: DESKTOP });
    await shown(wide.page.getByRole("heading", { name: "查找我的网格" }));
    const codeField = wide.page.getByRole("textbox", { name: /网格编码/ });
    await codeField.fill(WORKER_GRID);
    await codeField.press("Enter");
    await shown(wide.page.getByRole("heading", { name: disclosure.name, level: 1 }));
    await expectAccessible(wide.page);
    await screenshot(wide.page, "resident-grid-desktop");
    expectClean(wide);

    // The contexts close with the browser (afterAll): closing a context kills the harness's Chromium, which
    // @sparticuz/chromium starts with --single-process.
  });
  it("finds my grid from the address of my door: county, township and village picked, the door plate typed", async () => {
    // The village keeps its standard addresses (标准地址) in base data: a road and a door in the worker's grid.
    const village = WORKER_GRID.slice(0, 12);
    const road = `门牌测试路${run}`;
    const roadId = await entered(villageAgency, village, { kind: "address.create", level: "road", name: road });
    const door = { kind: "address.create", level: "door", parentId: roadId, name: "8号", ...pointIn(WORKER_GRID) };
    await entered(villageAgency, village, door);
    const disclosure = (await call(`/v1/public/grids/${WORKER_GRID}`)).json as { name: string };

    const opened = await open(browser, "/h5/grid", { viewport: PHONE });
    const { page } = opened;
    await shown(page.getByRole("heading", { name: "按地址查找" }));
    // One city: chosen for the resident; then each level's choices are the public children of the one above.
    await page.getByLabel("区（县）").selectOption(`${WORKER_GRID.slice(0, 6)}000000`);
    await page.getByLabel("镇（街道）").selectOption(`${WORKER_GRID.slice(0, 9)}000`);
    await page.getByLabel("村（社区）").selectOption(village);
    // Written as people write it (full-width digits, 號): found as the base data keeps it.
    await page.getByLabel(/门牌地址/).fill(`${road}８號`);
    await page.getByRole("button", { name: "按地址查找" }).click();
    await shown(page.getByRole("link", { name: `${road}8号` }));
    await expectAccessible(page);
    await screenshot(page, "resident-find-by-address");
    // The road alone lies in no one grid: it is named, not linked.
    await page.getByLabel(/门牌地址/).fill(road);
    await page.getByRole("button", { name: "按地址查找" }).click();
    await shown(page.getByText("道路跨越多个网格"));
    await page.getByLabel(/门牌地址/).fill(`不存在路${run}`);
    await page.getByRole("button", { name: "按地址查找" }).click();
    await shown(page.getByText(/未找到该地址/));
    await page.getByLabel(/门牌地址/).fill(`${road}8号`);
    await page.getByLabel(/门牌地址/).press("Enter");
    await page.getByRole("link", { name: `${road}8号` }).click();
    await shown(page.getByRole("heading", { name: disclosure.name, level: 1 }));
    expect(page.url()).toContain(`/h5/grid/${WORKER_GRID}`);
    expectClean(opened);
  });
});
