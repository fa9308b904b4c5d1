// The grid worker's phone screen in a real browser: report where they stand with a photo, check in, patrol.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "../client";
import { pointIn, WORKER_GRID } from "../places";
import { expectAccessible, expectClean, launch, open, PHONE, screenshot, shown, signInAs } from "./browser";
import { pngPhoto } from "./png";

const worker = "demo-grid-worker";
/** A browser test walks several pages on a shared 2-core machine: more than the suite's 60 s per test. */
const SLOW = 180_000;
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("screens: the grid worker's phone", () => {
  it(
    "reports a case at the phone's location with a photo, checks in, and starts and stops a patrol",
    async () => {
      const at = pointIn(WORKER_GRID);
      const opened = await open(browser, "/field", {
        viewport: PHONE,
        geolocation: { latitude: at.lat, longitude: at.lng },
      });
      const { page } = opened;
      await signInAs(page, "羊桥社区第1网格网格长");
      await shown(page.getByRole("heading", { name: "网格员工作台" }));
      await shown(page.getByText(/^截至 .*人在册。$/));
      expect(await page.getByRole("alert").count()).toBe(0);
      await expectAccessible(page);
      await screenshot(page, "field-worker");

      // Report: the position from the phone, a photo from its camera (a real PNG), what it is.
      await page.getByRole("button", { name: "获取当前位置" }).click();
      await shown(page.getByText(`当前位置：${at.lng.toFixed(6)}, ${at.lat.toFixed(6)}`));
      const title = `网格员界面上报 ${Date.now()}`;
      await page.getByLabel("标题").fill(title);
      await page.getByLabel("情况描述").fill("人行道路灯不亮，夜间行人通行不便。");
      await page.getByLabel("事项类别").selectOption("0802");
      await page.getByLabel("现场照片").setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: pngPhoto() });
      await page.getByRole("button", { name: "上报", exact: true }).click();
      const reported = page.getByRole("status").filter({ hasText: "已上报（含照片）" });
      await shown(reported);
      const id = (await reported.getByRole("link").textContent())?.trim() ?? "";
      await screenshot(page, "field-worker-reported");

      const kase = await call(`/v1/cases/${id}`, { as: worker });
      expect(kase.status, kase.text).toBe(200);
      expect(kase.json).toMatchObject({ title, source: "grid_worker", gridCode: WORKER_GRID, categoryCode: "0802" });
      const location = kase.json.location as { lng: number; lat: number };
      expect(location.lng).toBeCloseTo(at.lng, 6);
      expect(location.lat).toBeCloseTo(at.lat, 6);
      const media = await call(`/v1/cases/${id}/media`, { as: worker });
      expect(media.status, media.text).toBe(200);
      expect(media.json.items).toEqual([
        expect.objectContaining({ stage: "report", contentType: "image/png", far: false }),
      ]);

      // Check-in, then a patrol whose points the phone records and sends in batches.
      await page.getByRole("button", { name: "签到" }).click();
      await shown(page.getByRole("status").filter({ hasText: "已签到" }));
      const started = page.waitForResponse((r) => r.url().endsWith("/v1/patrols") && r.request().method() === "POST");
      await page.getByRole("button", { name: "开始巡查" }).click();
      const patrolId = ((await (await started).json()) as { id: string }).id;
      await shown(page.getByText(/已记录 [1-9]\d* 个轨迹点/));
      await screenshot(page, "field-worker-patrolling");
      await page.getByRole("button", { name: "结束巡查" }).click();
      await shown(page.getByRole("status").filter({ hasText: "巡查已结束" }));
      await expectAccessible(page);

      const patrol = await call(`/v1/patrols/${patrolId}`, { as: worker });
      expect(patrol.status, patrol.text).toBe(200);
      expect(patrol.json.status).toBe("ended");
      expect(patrol.json.pointCount).toBeGreaterThanOrEqual(1);
      const day = await call(`/v1/patrols/days/${patrol.json.day as string}`, { as: worker });
      expect(day.status, day.text).toBe(200);
      expect(day.json.checkedIn).toBe(true);

      expectClean(opened);
      await opened.context.close();
    },
    SLOW,
  );
});
