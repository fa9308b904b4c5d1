import type { Bindings } from "../env";

type ServiceKey = "REGISTRY" | "ROSTER" | "CASES" | "NOTIFICATIONS" | "ASSESSMENTS" | "INTEGRATIONS" | "BASEDATA";

/**
 * Which service owns which path. The first matching prefix wins. Paths under `/v1/public/` are
 * answered without a token (disclosure); all other `/v1/` paths need one.
 */
export const ROUTES: readonly { prefix: string; service: ServiceKey }[] = [
  { prefix: "/v1/public/grids", service: "REGISTRY" },
  { prefix: "/v1/public/matters", service: "REGISTRY" },
  { prefix: "/v1/public/divisions", service: "REGISTRY" },
  { prefix: "/v1/public/addresses", service: "BASEDATA" },
  { prefix: "/v1/divisions", service: "REGISTRY" },
  { prefix: "/v1/grids", service: "REGISTRY" },
  { prefix: "/v1/layouts", service: "REGISTRY" },
  { prefix: "/v1/lookup", service: "REGISTRY" },
  { prefix: "/v1/matters", service: "REGISTRY" },
  { prefix: "/v1/workers", service: "ROSTER" },
  { prefix: "/v1/assignments", service: "ROSTER" },
  { prefix: "/v1/departments", service: "ROSTER" },
  { prefix: "/v1/users", service: "ROSTER" },
  { prefix: "/v1/roster", service: "ROSTER" },
  { prefix: "/v1/cases", service: "CASES" },
  { prefix: "/v1/public/cases", service: "CASES" },
  { prefix: "/v1/supervisions", service: "CASES" },
  // Disputes (矛盾纠纷): the early-warning list and the county's risk rules; mediators are the roster's.
  { prefix: "/v1/disputes", service: "CASES" },
  { prefix: "/v1/mediators", service: "ROSTER" },
  { prefix: "/v1/mediation-bodies", service: "ROSTER" },
  { prefix: "/v1/inbox", service: "NOTIFICATIONS" },
  { prefix: "/v1/notifications", service: "NOTIFICATIONS" },
  { prefix: "/v1/checkins", service: "ASSESSMENTS" },
  { prefix: "/v1/patrols", service: "ASSESSMENTS" },
  { prefix: "/v1/assessments", service: "ASSESSMENTS" },
  { prefix: "/v1/rankings", service: "ASSESSMENTS" },
  { prefix: "/v1/evaluations", service: "ASSESSMENTS" },
  { prefix: "/v1/reports", service: "ASSESSMENTS" },
  { prefix: "/v1/integrations", service: "INTEGRATIONS" },
  // Base data (一标三实): addresses, houses, people, units, tags, visits, submissions, imports, counts.
  { prefix: "/v1/basedata", service: "BASEDATA" },
  // Issue 16: a county's default time limits per request type (咨询, 求助, 投诉, 举报, 建议).
  { prefix: "/v1/request-types", service: "CASES" },
  // Hotspots (未诉先办, issue 16): the cases service's monthly analysis of recurring matters and its proposals.
  { prefix: "/v1/hotspots", service: "CASES" },
  // Issue 16: the follow-up (回访) worklist.
  { prefix: "/v1/follow-ups", service: "CASES" },
];

export const SERVICES = {
  registry: "REGISTRY",
  roster: "ROSTER",
  cases: "CASES",
  notifications: "NOTIFICATIONS",
  assessments: "ASSESSMENTS",
  integrations: "INTEGRATIONS",
  basedata: "BASEDATA",
} as const satisfies Record<string, ServiceKey>;

export type ServiceName = keyof typeof SERVICES;

/** Paths outside /v1 that the integrations service authenticates itself (webhook signature, Open311 api_key). */
export const SIGNED_PREFIXES = ["/webhooks/", "/open311/"] as const;

export function routeFor(path: string): ServiceKey | undefined {
  return ROUTES.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`))?.service;
}

export function isPublicPath(path: string): boolean {
  return path.startsWith("/v1/public/");
}

export function bindingOf(env: Bindings, key: ServiceKey) {
  return env[key];
}
