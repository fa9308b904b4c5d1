/**
 * The demo county's registry of mediators (issue 15, Wuxi 第四十二条–第四十七条, 人民调解法 第八条): a people's mediation
 * committee in every village of 蓬江区 that has grid workers and in every township, one professional organisation
 * (劳动争议调解中心) with two mediators, a mediator of 羊桥社区 and of 白沙街道, and the demo grid worker as a grid-worker
 * mediator. Ids are stable (they do not depend on the seed) so other demo data and tests may name them.
 */
import { personName } from "./names";
import { mobile } from "./phones";
import { createRng } from "./random";
import type { City } from "./types";

export const DEMO_MEDIATION_COUNTY = "440703000000";
const COUNTY_NAME = "江门市蓬江区";
const ISSUER = `${COUNTY_NAME}司法局`;
const VALID_UNTIL = "2029-12-31";
const TRAINED_ON = "2026-03-20";

export interface DemoMediationBody {
  id: string;
  kind: "village_committee" | "township_committee" | "professional";
  name: string;
  divisionCode: string;
  registrationNumber: string;
  fields: "labour"[];
}

export interface DemoMediator {
  id: string;
  kind: "grid_worker" | DemoMediationBody["kind"];
  bodyId: string | null;
  workerId: string | null;
  divisionCode: string;
  name: string;
  phone: string;
  certificateNumber: string;
}

/** The well-known demo ids: 羊桥社区 and 白沙街道 committees, the labour dispute centre, the demo grid worker. */
export const DEMO_MEDIATORS = {
  village: "med-440703002101-01",
  township: "med-440703002000-01",
  labour: ["med-440703-labour-01", "med-440703-labour-02"],
  gridWorker: "med-worker-440703002101001-chief",
} as const;

/** 人民调解员证 numbers of the demo: RMTJ- and the mediator id without its prefix. */
const certificate = (mediatorId: string) => `RMTJ-${mediatorId.slice(4)}`;
const committeeId = (divisionCode: string) => `mb-${divisionCode}-committee`;
const LABOUR_BODY = "mb-440703-labour";
const GRID_WORKER = "worker-440703002101001-chief";

/** 羊桥社区居委会 → 羊桥社区人民调解委员会; 白沙街道 → 白沙街道人民调解委员会. */
const committeeName = (name: string) => `${name.replace(/(居委会|村委会|居民委员会|村民委员会)$/, "")}人民调解委员会`;

export function demoMediation(city: Pick<City, "seed" | "divisions" | "workers">): {
  bodies: DemoMediationBody[];
  mediators: DemoMediator[];
} {
  const inCounty = (code: string) => code.startsWith(DEMO_MEDIATION_COUNTY.slice(0, 6));
  const staffed = new Set(city.workers.map((w) => w.divisionCode));
  const places = city.divisions.filter(
    (d) => inCounty(d.code) && (d.level === "township" || (d.level === "village" && staffed.has(d.code))),
  );
  const bodies: DemoMediationBody[] = places.map((d) => ({
    id: committeeId(d.code),
    kind: d.level === "village" ? "village_committee" : "township_committee",
    name: committeeName(d.name),
    divisionCode: d.code,
    registrationNumber: `蓬司调备-${d.code}`,
    fields: [],
  }));
  bodies.sort((a, b) => a.id.localeCompare(b.id));
  bodies.push({
    id: LABOUR_BODY,
    kind: "professional",
    name: `${COUNTY_NAME}劳动争议调解中心`,
    divisionCode: DEMO_MEDIATION_COUNTY,
    registrationNumber: "蓬司调备-440703-labour",
    fields: ["labour"],
  });
  const member = (id: string, body: DemoMediationBody | undefined): DemoMediator[] => {
    if (!body) return [];
    const rng = createRng(city.seed, "mediator", id);
    const name = personName(rng, rng.chance(0.5) ? "female" : "male");
    const phone = mobile(rng);
    const { kind, divisionCode } = body;
    return [
      { id, kind, bodyId: body.id, workerId: null, divisionCode, name, phone, certificateNumber: certificate(id) },
    ];
  };
  const bodyOf = (id: string) => bodies.find((b) => b.id === id);
  const worker = city.workers.find((w) => w.id === GRID_WORKER);
  return {
    bodies,
    mediators: [
      ...member(DEMO_MEDIATORS.village, bodyOf(committeeId("440703002101"))),
      ...member(DEMO_MEDIATORS.township, bodyOf(committeeId("440703002000"))),
      ...DEMO_MEDIATORS.labour.flatMap((id) => member(id, bodyOf(LABOUR_BODY))),
      ...(worker
        ? [
            {
              id: DEMO_MEDIATORS.gridWorker,
              kind: "grid_worker" as const,
              bodyId: null,
              workerId: worker.id,
              divisionCode: worker.divisionCode,
              name: worker.name,
              phone: worker.workPhone,
              certificateNumber: certificate(DEMO_MEDIATORS.gridWorker),
            },
          ]
        : []),
    ],
  };
}

/** The qualification every demo mediator holds: issued by the county justice bureau, valid until 2029. */
export const DEMO_QUALIFICATION = { issuedBy: ISSUER, validUntil: VALID_UNTIL, trainedOn: TRAINED_ON } as const;
