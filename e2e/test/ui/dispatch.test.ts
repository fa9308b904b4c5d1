import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { command, eventually, read, report, type CaseSeen } from "../cases-client";
import { pointIn, WORKER_GRID } from "../places";
import { DESKTOP, expectAccessible, expectClean, launch, open, screenshot, shown, signInAs } from "./browser";
import { pngPhoto } from "./png";

const worker = "demo-grid-worker";
const county = "demo-county-agency-440703";
const DISPATCHER = "蓬江区网格化服务管理中心";
const POLICE = "江门市公安局蓬江分局";
const POLICE_ID = "dept-440703-police";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Runs a command from the case page: its button, its form, its confirmation; waits until the page shows it done. */
async function act(
  page: Page,
  button: string,
  fill: () => Promise<void> = async () => {},
  confirmed = true,
): Promise<void> {
  await page
    .getByRole("region", { name: "办理", exact: true })
    .getByRole("button", { name: button, exact: true })
    .click();
  await fill();
  await page.getByRole("button", { name: `确认${button}` }).click();
  if (confirmed) await shown(page.getByRole("status").filter({ hasText: `已${button}` }));
}

async function statusShown(page: Page, label: string): Promise<void> {
  await shown(page.locator("h1 + p .badge[data-status]").filter({ hasText: label }));
}

describe("screens: dispatcher and department close the loop in the browser", () => {
  it(
    "finds a reported case, verifies, accepts and dispatches it; the department signs, handles with a photo and returns another; the dispatcher rules and checks",
    { timeout: 240_000 },
    async () => {
      const tag = `界面${Date.now().toString(36)}`;
      const first = await report(worker, {
        title: `${tag}路灯不亮`,
        description: "白沙街道羊桥社区路口路灯夜间不亮",
        categoryCode: "0802",
        ...pointIn(WORKER_GRID),
      });
      // The second reaches the police already dispatched, to be returned as not theirs.
      let second: CaseSeen = await report(worker, {
        title: `${tag}占道经营`,
        description: "路口流动摊贩占道经营",
        categoryCode: "0802",
        ...pointIn(WORKER_GRID),
      });
      second = await command(worker, second, "verify");
      second = await command(county, second, "accept");
      second = await command(county, second, "dispatch", { leadDepartmentId: POLICE_ID });
      // The queue is a read model fed asynchronously: wait until the search finds the new case.
      await eventually(
        () => read(county, first.id),
        (c) => expect(c.status).toBe("reported"),
      );

      // The county dispatcher: the queue, a search, the case.
      const dispatcher = await open(browser, "/cases", { viewport: DESKTOP });
      const page = dispatcher.page;
      await signInAs(page, DISPATCHER);
      await shown(page.getByRole("heading", { name: "案件队列" }));
      await page.getByLabel("状态").selectOption("reported");
      await page.getByLabel("搜索").fill(tag);
      await page.getByRole("button", { name: "查询" }).click();
      // The read model follows the case asynchronously; the queue polls, so the row appears without a reload.
      await shown(page.getByRole("link", { name: `${tag}路灯不亮` }));
      await expectAccessible(page);
      await screenshot(page, "cases-queue");
      await page.getByRole("link", { name: `${tag}路灯不亮` }).click();
      await shown(page.getByRole("heading", { name: `${tag}路灯不亮` }));
      await statusShown(page, "已上报");
      await shown(page.getByRole("heading", { name: /办理过程/ }));
      await expectAccessible(page);
      await screenshot(page, "case-reported");
      await act(page, "核实");
      await statusShown(page, "已核实");
      await act(page, "受理");
      await statusShown(page, "已受理");
      await act(page, "派遣", async () => {
        await page.getByLabel("主办部门").selectOption({ label: POLICE });
        await page.getByLabel("派遣说明（可选）").fill("请公安分局处置");
      });
      await statusShown(page, "已派遣");
      // The timeline names the units that acted: the county's centre by its division's name, not its code.
      const timeline = page.getByRole("region", { name: /办理过程/ });
      await shown(timeline.getByRole("listitem").filter({ hasText: "受理" }).getByText("蓬江区"));
      await expect(timeline.getByText("440703000000").count()).resolves.toBe(0);
      await expectAccessible(page);
      await screenshot(page, "case-dispatched");

      // The department: its list, sign for and handle the first with a photo, return the second with grounds.
      const department = await open(browser, "/department", { viewport: DESKTOP });
      const dpage = department.page;
      await signInAs(dpage, POLICE);
      await shown(dpage.getByRole("heading", { name: "部门待办" }));
      await shown(dpage.getByRole("link", { name: `${tag}路灯不亮` }));
      await expectAccessible(dpage);
      await screenshot(dpage, "department-queue");
      await dpage
        .getByRole("link", { name: `${tag}路灯不亮` })
        .first()
        .click();
      await shown(dpage.getByRole("heading", { name: `${tag}路灯不亮` }));
      await act(dpage, "签收");
      await statusShown(dpage, "已签收");
      await act(dpage, "办结（处置）", async () => {
        await dpage.getByLabel("处置结果").fill("已协调维修，路灯恢复照明");
        await dpage
          .getByLabel("处置照片")
          .setInputFiles({ name: "after.png", mimeType: "image/png", buffer: pngPhoto() });
      });
      await statusShown(dpage, "已处置");
      await shown(dpage.getByRole("img", { name: /部门处置.*照片/ }));
      await expectAccessible(dpage);
      await screenshot(dpage, "case-handled");

      await dpage.goto(`${new URL(dpage.url()).origin}/department`);
      await signInAs(dpage, POLICE);
      await dpage
        .getByRole("link", { name: `${tag}占道经营` })
        .first()
        .click();
      await shown(dpage.getByRole("heading", { name: `${tag}占道经营` }));
      await act(
        dpage,
        "退单",
        async () => {
          await dpage.getByLabel("退单依据").selectOption("not_function");
          await dpage.getByLabel("退单理由").fill("占道经营属城管职责，不属公安");
        },
        false,
      );
      // Returned, the case is no longer the department's: the page goes back to its list and says so.
      await shown(dpage.getByRole("status").filter({ hasText: `已退单：案件 ${second.id}` }));
      await expectAccessible(dpage);
      await screenshot(dpage, "case-returned");

      // The dispatcher: the first case's page has followed (polling) to 已处置; rule on the return, then check.
      await statusShown(page, "已处置");
      await act(page, "核查", async () => {
        await page.getByLabel("核查通过（结案）").check();
        await page.getByLabel("核查意见").fill("现场复核，路灯恢复正常");
      });
      await statusShown(page, "已结案");
      await expectAccessible(page);
      await screenshot(page, "case-closed");

      await page.goto(`${new URL(page.url()).origin}/cases/${second.id}`);
      await signInAs(page, DISPATCHER);
      await shown(page.getByRole("heading", { name: `${tag}占道经营` }));
      await act(page, "裁定退单", async () => {
        await page.getByLabel("退单成立（改派其他部门）").check();
        await page.getByLabel("裁定意见").fill("占道经营属城管，退单成立");
      });
      await expectAccessible(page);
      await screenshot(page, "case-return-ruled");

      // The supervision board opens for the dispatcher.
      await page.getByRole("navigation", { name: "主菜单" }).getByRole("link", { name: "督办" }).click();
      await shown(page.getByRole("heading", { name: "督办" }));
      await expectAccessible(page);
      await screenshot(page, "supervisions");

      // Through the API: the first closed with its handling photo, the second's return upheld.
      const closed = await read(county, first.id);
      expect(closed).toMatchObject({
        status: "closed",
        leadDepartmentId: POLICE_ID,
        outcome: "已协调维修，路灯恢复照明",
      });
      expect((closed.media as { stage: string }[]).some((m) => m.stage === "handling")).toBe(true);
      expect((closed.evidence as unknown[]).length).toBe(1);
      const ruled = await read(county, second.id);
      expect(ruled).toMatchObject({
        status: "accepted",
        returns: 1,
        returnClaim: { status: "upheld", ground: "not_function" },
      });

      expectClean(dispatcher);
      expectClean(department);
      // The contexts close with the browser (afterAll): closing them here failed with "Target … has been closed" in
      // the single-process Chromium once both had been used.
    },
  );
});
