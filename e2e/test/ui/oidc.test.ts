import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { origin } from "../client";
import { expectAccessible, expectClean, launch, open, screenshot, shown } from "./browser";
import { startProvider, type TestProvider } from "./oidc-provider";

let browser: Browser;
let provider: TestProvider;
beforeAll(async () => {
  browser = await launch();
  // Access tokens of 75 s: the app renews a minute before expiry, so the silent renewal happens within the test.
  provider = await startProvider({ accessTtl: 75 });
});
afterAll(async () => {
  await browser?.close();
  await provider?.close();
});

describe("screens: sign-in with OpenID Connect (authorization code + PKCE)", () => {
  it("signs in at the provider, keeps tokens in memory only, renews silently, and signs out at the provider", async () => {
    const opened = await open(browser, "/", {
      allowOrigins: [provider.issuer],
      // The system under test runs without an issuer configured; this test gives the app one as a deployment's
      // /config.json would. The deployment's CSP names its issuer (the console worker's own tests prove that);
      // the page here was served for no issuer, so the test context lets it reach the test provider.
      prepare: async (context) => {
        await context.route(`${origin}/config.json`, async (route) => {
          const real = (await (await route.fetch()).json()) as Record<string, unknown>;
          await route.fulfill({
            json: {
              ...real,
              oidc: { issuer: provider.issuer, clientId: "civicgrid-console", scope: "openid profile" },
            },
          });
        });
      },
      bypassCSP: true,
    });
    const { page } = opened;
    await shown(page.getByRole("button", { name: "统一身份认证登录" }));
    await expectAccessible(page);
    await screenshot(page, "sign-in-oidc");

    provider.approve("demo-county-agency-440703");
    await page.getByRole("button", { name: "统一身份认证登录" }).click();
    await shown(page.getByRole("heading", { name: "工作台" }));
    await shown(page.getByText("蓬江区网格化服务管理中心（演示）"));
    expect(provider.seen).toMatchObject({ codeGrants: 1, pkceRefused: 0 });
    // Back at the app's own address, the code and state gone from it.
    expect(new URL(page.url()).search).toBe("");

    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);

    await expect.poll(() => provider.seen.refreshGrants, { timeout: 40_000, interval: 1000 }).toBeGreaterThan(0);
    await shown(page.getByRole("heading", { name: "工作台" }));

    await page.getByRole("button", { name: "退出登录" }).click();
    await shown(page.getByRole("button", { name: "统一身份认证登录" }));
    expect(provider.seen.logouts).toBe(1);
    expectClean(opened);
    await opened.context.close();
  });
});
