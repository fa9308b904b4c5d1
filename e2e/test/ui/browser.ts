// A real Chromium for the screens' end-to-end tests (issue 18): the binary from the npm package @sparticuz/chromium
// (installed by `npm install` alone), driven by playwright-core. Every page is kept on this machine: any request
// that leaves 127.0.0.1 is aborted and fails the test, and so does any console error or uncaught exception.
import AxeBuilder from "@axe-core/playwright";
import chromium from "@sparticuz/chromium";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { chromium as playwright, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { origin } from "../client";

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1920, height: 1080 };

/** Where screenshots go: the test reports' folder in `npm test` (.reports/screenshots), else e2e/.screenshots. */
const SHOTS = path.join(
  process.env.CIVICGRID_TEST_REPORTS ?? path.join(import.meta.dirname, "..", "..", ".screenshots"),
  "screenshots",
);

/**
 * The package's flags are for one-shot serverless runs; a test needs a browser as people have it: its own processes
 * (closing a context must not end the browser), same-origin policy and CORS on, sites isolated. So those flags go,
 * and the ones that give a headless WebGL (SwiftShader) stay.
 */
const SERVERLESS_ONLY = [
  "--single-process",
  "--no-zygote",
  "--disable-web-security",
  "--allow-running-insecure-content",
  "--disable-site-isolation-trials",
  "--disable-features=",
];

/**
 * Fontconfig for the packaged Chromium: its own fonts (Open Sans only, unpacked into the temp dir's `fonts`) and Noto
 * Sans SC from the npm package `@embedpdf/fonts-sc`, so that the screenshots show the pages' Chinese, not boxes.
 */
function fontConfig(): string {
  const dir = path.join(os.tmpdir(), "civicgrid-browser-fonts");
  const cjk = path.join(path.dirname(createRequire(import.meta.url).resolve("@embedpdf/fonts-sc")), "..", "fonts");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "fonts.conf"),
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${path.join(os.tmpdir(), "fonts")}</dir>
  <dir>${cjk}</dir>
  <cachedir>${path.join(dir, "cache")}</cachedir>
</fontconfig>
`,
  );
  return dir;
}

export async function launch(): Promise<Browser> {
  return playwright.launch({
    executablePath: await chromium.executablePath(),
    env: { ...process.env, FONTCONFIG_PATH: fontConfig() },
    args: [
      ...chromium.args.filter((a) => !SERVERLESS_ONLY.some((f) => a === f || (f.endsWith("=") && a.startsWith(f)))),
      // Nothing that phones home.
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--lang=zh-CN",
    ],
    headless: true,
  });
}

export interface Opened {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and requests that tried to leave this machine, as they happened. */
  problems: string[];
}

/**
 * A fresh context (no shared storage) and page on the system under test. `geolocation` grants the page the position
 * the phone would report; files chosen in inputs are set by the test (`setInputFiles`), as a camera's photo would be.
 */
export async function open(
  browser: Browser,
  pathname: string,
  {
    viewport = DESKTOP,
    geolocation,
    allowOrigins = [],
    prepare,
    bypassCSP = false,
  }: {
    viewport?: { width: number; height: number };
    geolocation?: { latitude: number; longitude: number };
    /** Other servers on this machine the page may reach (an identity provider a test runs). */
    allowOrigins?: string[];
    /** Runs on the context before the first page loads (routes a test adds). */
    prepare?: (context: BrowserContext) => Promise<void>;
    /** Only where a test changes what the server said (its config) and so the policy the page came with is not the one it needs. */
    bypassCSP?: boolean;
  } = {},
): Promise<Opened> {
  const context = await browser.newContext({
    viewport,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    bypassCSP,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
    ...(geolocation ? { geolocation, permissions: ["geolocation"] } : {}),
  });
  const problems: string[] = [];
  const allowed = new Set([new URL(origin).host, ...allowOrigins.map((o) => new URL(o).host)]);
  await context.route(
    (url) => !allowed.has(url.host) && url.protocol !== "data:" && url.protocol !== "blob:",
    (route) => {
      problems.push(`request left the machine: ${route.request().url()}`);
      return route.abort();
    },
  );
  await prepare?.(context);
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto(`${origin}${pathname}`);
  return { context, page, problems };
}

/** No console error, uncaught exception or outside request so far (expected API refusals are shown, not logged). */
export function expectClean(opened: Opened): void {
  expect(opened.problems).toEqual([]);
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

/** A full-page screenshot kept as a test artefact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Waits until the element is shown (15 s: a loaded 2-core machine builds pages slowly), failing the test if not. */
export async function shown(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: "visible", timeout: 15_000 });
}

/** Signs in through the development picker as a demo user (the console's own sign-in, as a person would). */
export async function signInAs(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: new RegExp(name) }).click();
  await shown(page.getByRole("navigation", { name: "主菜单" }));
}
