// The map and the grid worker's tasks follow new cases without a reload (they read the open cases every 30 s).
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, read, report } from "../cases-client";
import { pointIn, WORKER_GRID } from "../places";
import { DESKTOP, expectClean, launch, open, PHONE, shown, signInAs } from "./browser";

const worker = "demo-grid-worker";
const county = "demo-county-agency-440703";
/** One poll period (30 s) after the read model has the case, with room for a loaded machine. */
const NEXT_POLL = 50_000;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close().catch(() => undefined);
});

/** Marks the document, so that finding the mark later proves the page was not loaded again. */
const mark = (page: Page) => page.evaluate(() => document.documentElement.setAttribute("data-test-mark", "kept"));
const marked = (page: Page) => page.evaluate(() => document.documentElement.getAttribute("data-test-mark"));

describe("screens: the map and the field tasks stay current", () => {
  it(
    "shows a case reported after the pages opened, without a reload and without drawing the map again",
    { timeout: 180_000 },
    async () => {
      const map = await open(browser, "/map", { viewport: DESKTOP });
      await signInAs(map.page, "蓬江区网格化服务管理中心");
      await map.page
        .locator('[aria-label="网格地图"][aria-busy="false"] canvas')
        .first()
        .waitFor({ state: "visible", timeout: 60_000 });
      const field = await open(browser, "/field", { viewport: PHONE });
      await signInAs(field.page, "羊桥社区第1网格网格长");
      await shown(field.page.getByRole("heading", { name: "我的任务与工单" }));
      await field.page
        .getByRole("region", { name: "我的任务与工单" })
        .locator("[aria-busy=true]")
        .waitFor({ state: "detached", timeout: 15_000 });
      for (const page of [map.page, field.page]) await mark(page);
      // The canvas the map drew into: the same element later means the points moved in, not a new map.
      await map.page
        .locator('[aria-label="网格地图"] canvas')
        .first()
        .evaluate((c) => c.setAttribute("data-first", ""));

      const title = `实时${Date.now().toString(36)}积水`;
      const c = await report(worker, {
        title,
        description: "羊桥社区路口积水",
        categoryCode: "0802",
        ...pointIn(WORKER_GRID),
      });
      await eventually(
        () => read(county, c.id),
        (seen) => expect(seen.status).toBe("reported"),
      );

      const onMap = map.page.getByRole("list", { name: /在办案件/ }).getByRole("link", { name: title });
      const inTasks = field.page.getByRole("region", { name: "我的任务与工单" }).getByRole("link", { name: title });
      await Promise.all([
        onMap.waitFor({ state: "visible", timeout: NEXT_POLL }),
        inTasks.waitFor({ state: "visible", timeout: NEXT_POLL }),
      ]);
      expect(await marked(map.page)).toBe("kept");
      expect(await marked(field.page)).toBe("kept");
      expect(await map.page.locator('[aria-label="网格地图"] canvas[data-first]').count()).toBe(1);
      expectClean(map);
      expectClean(field);
    },
  );
});
