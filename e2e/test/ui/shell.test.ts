import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { DESKTOP, shown, expectAccessible, expectClean, launch, open, PHONE, screenshot, signInAs } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("screens: the shell", () => {
  it("offers the demo users' sign-in in development, signs in, shows the user's menu, and signs out", async () => {
    const opened = await open(browser, "/", { viewport: DESKTOP });
    const { page } = opened;
    await shown(page.getByRole("heading", { name: /开发环境登录/ }));
    await expectAccessible(page);
    await screenshot(page, "sign-in");
    await signInAs(page, "蓬江区网格化服务管理中心");
    await shown(page.getByRole("heading", { name: "工作台" }));
    await expectAccessible(page);
    await screenshot(page, "home-county-agency");
    await page.getByRole("button", { name: "退出登录" }).click();
    await shown(page.getByRole("heading", { name: /开发环境登录/ }));
    expectClean(opened);
    await opened.context.close();
  });

  it("answers a deep link with the app (no reload loop), and an unknown page with a way back", async () => {
    const opened = await open(browser, "/no-such-page", { viewport: PHONE });
    await signInAs(opened.page, "蓬江区网格化服务管理中心");
    await shown(opened.page.getByRole("heading", { name: "页面不存在" }));
    await opened.page.getByRole("link", { name: "返回工作台" }).click();
    await shown(opened.page.getByRole("heading", { name: "工作台" }));
    expectClean(opened);
    await opened.context.close();
  });
});
