import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, read, report } from "../cases-client";
import { pointIn, WORKER_GRID } from "../places";
import { expectAccessible, expectClean, launch, open, PHONE, screenshot, shown, signInAs } from "./browser";

const worker = "demo-grid-worker";
const county = "demo-county-agency-440703";
const DISPATCHER = "蓬江区网格化服务管理中心";
const POLICE = "江门市公安局蓬江分局";
const POLICE_ID = "dept-440703-police";
/** The smallest target a finger hits reliably (WCAG 2.5.5, Apple's and Android's guidelines: 44 CSS px). */
const TOUCH_PX = 44;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Fails naming the page and the elements wider than the phone's screen, when the page scrolls sideways. */
async function expectNoSideScroll(page: Page, where: string): Promise<void> {
  const seen = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = Array.from(document.querySelectorAll("body *"))
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 && !e.closest(".table-scroll"))
      .slice(0, 5)
      .map(
        (e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join(".")} → ${e.getBoundingClientRect().right}`,
      );
    return { scrollWidth: document.documentElement.scrollWidth, wide };
  });
  expect(seen.scrollWidth, `${where} scrolls sideways: ${seen.wide.join("; ")}`).toBeLessThanOrEqual(PHONE.width);
}

/** The command's button in the 办理 panel: a finger's size, pressed from the keyboard or by touch. */
async function runCommand(page: Page, name: string, by: "keyboard" | "touch", fill?: () => Promise<void>) {
  const button = page.getByRole("region", { name: "办理", exact: true }).getByRole("button", { name, exact: true });
  await shown(button);
  expect((await button.boundingBox())?.height ?? 0, `${name} button height`).toBeGreaterThanOrEqual(TOUCH_PX);
  const confirm = page.getByRole("button", { name: `确认${name}` });
  if (by === "keyboard") {
    await button.focus();
    await page.keyboard.press("Enter");
    await shown(confirm);
    await fill?.();
    await confirm.focus();
    await page.keyboard.press("Enter");
  } else {
    await button.tap();
    await shown(confirm);
    await fill?.();
    expect((await confirm.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(TOUCH_PX);
    await confirm.tap();
  }
  await shown(page.getByRole("status").filter({ hasText: `已${name}` }));
}

describe("screens: the agency console on a 375 px phone", () => {
  it(
    "the dispatcher finds, verifies, accepts and dispatches a case with finger-sized controls; queue, case, supervision and department pages never scroll sideways",
    { timeout: 240_000 },
    async () => {
      const tag = `手机${Date.now().toString(36)}`;
      const title = `${tag}井盖松动`;
      const reported = await report(worker, {
        title,
        description: "羊桥社区路口井盖松动，行人易绊倒",
        categoryCode: "0802",
        ...pointIn(WORKER_GRID),
      });
      // The queue is a read model fed asynchronously.
      await eventually(
        () => read(county, reported.id),
        (c) => expect(c.status).toBe("reported"),
      );

      const dispatcher = await open(browser, "/cases", { viewport: PHONE });
      const page = dispatcher.page;
      // The department list is read once for the signed-in user, whatever the pages that show departments.
      const departmentReads: string[] = [];
      page.on("request", (r) => {
        if (new URL(r.url()).pathname === "/v1/departments") departmentReads.push(r.url());
      });
      await signInAs(page, DISPATCHER);
      await shown(page.getByRole("heading", { name: "案件队列" }));
      const search = page.getByLabel("搜索");
      await search.fill(tag);
      await search.press("Enter");
      const link = page.getByRole("link", { name: title });
      await shown(link);
      await expectNoSideScroll(page, "queue");
      await expectAccessible(page);
      await screenshot(page, "phone-cases-queue");
      // The queue polls with the list's ETag: an unchanged page comes back as 304, not as the page again.
      const unchanged = await page.waitForResponse(
        (r) => new URL(r.url()).pathname === "/v1/cases" && r.request().headers()["if-none-match"] !== undefined,
        { timeout: 30_000 },
      );
      expect(unchanged.status()).toBe(304);

      await link.tap();
      await shown(page.getByRole("heading", { name: title }));
      await shown(page.getByRole("heading", { name: /办理过程/ }));
      await expectNoSideScroll(page, "case");
      await runCommand(page, "核实", "keyboard");
      await runCommand(page, "受理", "touch");
      await runCommand(page, "派遣", "touch", async () => {
        await page.getByLabel("主办部门").selectOption({ label: POLICE });
      });
      await shown(page.locator(".facts dd").filter({ hasText: POLICE }));
      await expectNoSideScroll(page, "case after dispatch");
      await expectAccessible(page);
      await screenshot(page, "phone-case-dispatched");
      expect(departmentReads).toHaveLength(1);

      await page.getByRole("navigation", { name: "主菜单" }).getByRole("link", { name: "督办" }).tap();
      await shown(page.getByRole("heading", { name: "督办" }));
      await page.locator("[aria-busy=true]").first().waitFor({ state: "detached", timeout: 15_000 });
      await expectNoSideScroll(page, "supervision");
      await expectAccessible(page);
      await screenshot(page, "phone-supervisions");
      expect(departmentReads).toHaveLength(1);

      // The department on its phone: its own unit by name, the case dispatched to it, the case page.
      const department = await open(browser, "/department", { viewport: PHONE });
      const dpage = department.page;
      await signInAs(dpage, POLICE);
      await shown(dpage.getByRole("heading", { name: "部门待办" }));
      await shown(dpage.getByText(`本部门：${POLICE}`));
      await shown(dpage.getByRole("link", { name: title }));
      await expectNoSideScroll(dpage, "department");
      await expectAccessible(dpage);
      await screenshot(dpage, "phone-department");
      await dpage.getByRole("link", { name: title }).first().tap();
      await shown(dpage.getByRole("heading", { name: title }));
      await shown(dpage.locator(".facts dd").filter({ hasText: POLICE }));
      expect(await dpage.locator(".facts").textContent()).not.toContain(POLICE_ID);
      await expectNoSideScroll(dpage, "department's case");

      expect(await read(county, reported.id)).toMatchObject({ status: "dispatched", leadDepartmentId: POLICE_ID });
      expectClean(dispatcher);
      expectClean(department);
    },
  );
});
