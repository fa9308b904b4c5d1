// The county agency's overview screens in a real browser: the map of its grids and open cases (MapLibre, WebGL),
// the rankings and monthly report as charts (ECharts), the grids' filing status, and the workforce.
import type { Browser, Locator } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call } from "../client";
import { pointIn, WORKER_GRID } from "../places";
import { DESKTOP, expectAccessible, expectClean, launch, open, screenshot, shown, signInAs } from "./browser";

const county = "蓬江区网格化服务管理中心";
/** A browser test walks several pages on a shared 2-core machine: more than the suite's 60 s per test. */
const SLOW = 180_000;
let browser: Browser;

/** The map reads every grid and open case of a county before it draws: longer than `shown` waits, when loaded. */
const drawn = (locator: Locator) => locator.first().waitFor({ state: "visible", timeout: 60_000 });
// A browser per test: the packaged Chromium runs as a single process, and tearing down a page that drew with WebGL
// can take that process with it, which would fail the next test for no fault of its own.
beforeEach(async () => {
  browser = await launch();
});
afterEach(async () => {
  await browser?.close().catch(() => undefined);
});

describe("screens: the agency's overview", () => {
  it(
    "draws the jurisdiction's grids and an open case on the map, with the same in a list beside it",
    async () => {
      const title = `地图上的案件 ${Date.now()}`;
      const reported = await call("/v1/cases", {
        as: "demo-grid-worker",
        body: {
          title,
          description: "井盖缺失",
          categoryCode: "0802",
          priority: "normal",
          ...pointIn(WORKER_GRID),
        },
      });
      expect(reported.status, reported.text).toBe(201);

      const opened = await open(browser, "/map", { viewport: DESKTOP });
      const { page } = opened;
      await signInAs(page, county);
      await shown(page.getByRole("heading", { name: "一张图" }));
      const map = page.getByRole("region", { name: "网格地图" });
      await drawn(map.locator("canvas"));
      await drawn(page.locator('[aria-label="网格地图"][aria-busy="false"]'));
      // Drawn with WebGL: the canvas already holds a WebGL context (so it refuses a 2D one, and hands the WebGL one back).
      const webgl = await map
        .locator("canvas")
        .first()
        .evaluate(
          (c: HTMLCanvasElement) => c.getContext("2d") === null && !!(c.getContext("webgl2") ?? c.getContext("webgl")),
        );
      expect(webgl).toBe(true);
      const cases = page.getByRole("list", { name: /在办案件/ });
      await shown(cases.getByRole("link", { name: title }));
      const grids = page.getByRole("list", { name: /网格（/ });
      await shown(grids.getByText(WORKER_GRID));
      await expect.poll(() => grids.getByRole("listitem").count()).toBeGreaterThan(1);
      await expectAccessible(page);
      await screenshot(page, "map-county-agency");

      // A case in the list opens the case page.
      await cases.getByRole("link", { name: title }).click();
      await expect.poll(() => page.url()).toContain(`/cases/${reported.json.id as string}`);
      expectClean(opened);
      await opened.context.close();
    },
    SLOW,
  );

  it(
    "charts the month's rankings and report, and shows the grids' filing and the workforce",
    async () => {
      const opened = await open(browser, "/rankings", { viewport: DESKTOP });
      const { page } = opened;
      await signInAs(page, county);
      await shown(page.getByRole("heading", { name: "考核排名与月报" }));
      await page.getByRole("button", { name: "重新计算本月排名" }).click();
      const table = page.getByRole("table", { name: /排名得分表/ });
      await shown(table);
      expect(await table.getByRole("row").count()).toBeGreaterThan(1);
      // Subjects are shown by name (the grid's, from the registry), with the code beside it.
      const firstCode = (await table.getByRole("row").nth(1).getByRole("cell").nth(1).textContent())?.match(
        /\d{15}/,
      )?.[0];
      expect(firstCode).toBeTruthy();
      const grid = (await call(`/v1/grids/${firstCode}`, { as: "demo-county-agency-440703" })).json as { name: string };
      await shown(table.getByRole("row").nth(1).getByText(grid.name));
      const chart = page.getByRole("figure", { name: /排名得分图/ });
      await shown(chart.locator("svg"));
      await shown(page.getByRole("heading", { name: /月度报告/ }));
      await shown(page.getByRole("figure", { name: "每日案件数" }).locator("svg"));
      await expectAccessible(page);
      await screenshot(page, "rankings-county-agency");

      await page.getByRole("navigation", { name: "主菜单" }).getByRole("link", { name: "网格与备案" }).click();
      await shown(page.getByRole("heading", { name: "网格与备案" }));
      await shown(page.getByRole("table", { name: "现行网格清单" }).getByText(WORKER_GRID));
      await shown(page.getByRole("heading", { name: "网格划分方案备案" }));
      await expectAccessible(page);
      await screenshot(page, "grids-county-agency");

      await page.getByRole("navigation", { name: "主菜单" }).getByRole("link", { name: "网格员队伍" }).click();
      await shown(page.getByRole("heading", { name: "网格员队伍" }));
      await shown(page.getByRole("table", { name: "网格员名册" }));
      await shown(page.getByRole("heading", { name: /岗位空缺/ }));
      await shown(page.getByRole("heading", { name: "培训不足" }));
      await expectAccessible(page);
      await screenshot(page, "staff-county-agency");
      expectClean(opened);
      await opened.context.close();
    },
    SLOW,
  );
});
