import type { ComponentType } from "preact";
import type { SessionUser } from "../shared/session";

/** One screen of the console: its path pattern, its menu entry (if any), who sees it, and its page, loaded on demand. */
export interface ConsoleRoute {
  pattern: string;
  /** The menu label; routes without one (a case page) are reached by links. */
  label?: string;
  visible: (u: SessionUser) => boolean;
  load: () => Promise<ComponentType<{ params: Record<string, string> }>>;
}

const has =
  (...roles: string[]) =>
  (u: SessionUser) =>
    u.roles.some((r) => roles.includes(r));

/** The console's screens, in menu order. Each page module is its own chunk: the map and the charts load only there. */
export const ROUTES: ConsoleRoute[] = [
  { pattern: "/", label: "工作台", visible: () => true, load: () => import("./pages/home").then((m) => m.HomePage) },
  {
    pattern: "/cases",
    label: "案件队列",
    visible: has("agency", "platform_admin"),
    load: () => import("./pages/queue").then((m) => m.QueuePage),
  },
  {
    pattern: "/department",
    label: "部门待办",
    visible: has("department"),
    load: () => import("./pages/department").then((m) => m.DepartmentPage),
  },
  {
    pattern: "/supervisions",
    label: "督办",
    visible: has("agency", "department", "platform_admin"),
    load: () => import("./pages/supervision").then((m) => m.SupervisionPage),
  },
  {
    pattern: "/cases/:id",
    visible: has("agency", "department", "platform_admin"),
    load: () => import("./pages/case").then((m) => m.CasePage),
  },
  {
    pattern: "/field",
    label: "网格员工作台",
    visible: has("grid_worker"),
    load: () => import("./pages/worker").then((m) => m.WorkerPage),
  },
  {
    pattern: "/map",
    label: "一张图",
    visible: has("agency"),
    load: () => import("./pages/map").then((m) => m.MapPage),
  },
  {
    pattern: "/rankings",
    label: "考核排名与月报",
    visible: has("agency"),
    load: () => import("./pages/rankings").then((m) => m.RankingsPage),
  },
  {
    pattern: "/grids",
    label: "网格与备案",
    visible: has("agency", "platform_admin"),
    load: () => import("./pages/grids").then((m) => m.GridsPage),
  },
  {
    pattern: "/staff",
    label: "网格员队伍",
    visible: has("agency", "hr"),
    load: () => import("./pages/staff").then((m) => m.StaffPage),
  },
];

export { has };
