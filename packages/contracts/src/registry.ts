import { z } from "@hono/zod-openapi";
import { DivisionCode, DivisionLevel } from "./division";
import { StepLimit } from "./limits";

/**
 * The registry's API bodies, answers and events: divisions, grids and their filed layouts, point
 * lookup, public disclosure (公示) and the matters lists (网格事项). Geometry is checked in the
 * registry itself (packages/geo), so here a boundary is only shaped like GeoJSON.
 */

/** A calendar date in Asia/Shanghai, YYYY-MM-DD (a real one: 2026-02-30 is refused). */
export const DateOnly = z.iso.date("must be a real date YYYY-MM-DD").openapi({ example: "2026-03-01" });

/** 网格编码: the 12-digit village code followed by a 3-digit sequence (001-999) the registry hands out. */
export const GridCode = z
  .string()
  .regex(/^\d{12}(?!000)\d{3}$/, "must be a grid code: 12-digit village code + 3-digit sequence 001-999")
  .openapi({ example: "440703002101001" });

/** GeoJSON Polygon or MultiPolygon (WGS84); rings, closure, crossings and vertex count are checked by the registry. */
export const Boundary = z
  .object({ type: z.enum(["Polygon", "MultiPolygon"]), coordinates: z.array(z.unknown()).min(1) })
  .openapi("Boundary");
export type Boundary = z.infer<typeof Boundary>;

// ---- divisions ----

export const Division = z
  .object({
    code: DivisionCode,
    name: z.string(),
    level: DivisionLevel,
    parentCode: DivisionCode.nullable(),
    urban: z.boolean().nullable(),
    boundary: Boundary.nullable(),
    version: z.number().int(),
  })
  .openapi("Division");
export type Division = z.infer<typeof Division>;

/** What anyone may know of a division: its code, name, level and parent (a resident's picker of county, township, village). */
export const PublicDivision = Division.pick({ code: true, name: true, level: true, parentCode: true }).openapi(
  "PublicDivision",
);
export type PublicDivision = z.infer<typeof PublicDivision>;

export const NewDivision = z.object({
  code: DivisionCode,
  name: z.string().trim().min(1).max(64),
  parentCode: DivisionCode,
  urban: z.boolean().optional(),
  boundary: Boundary.optional(),
});
export const DivisionPatch = z
  .object({ name: z.string().trim().min(1).max(64), urban: z.boolean(), boundary: Boundary.nullable() })
  .partial()
  .refine((p) => Object.keys(p).length > 0, "change at least one of name, urban, boundary");

// ---- grids ----

export const GridType = z.enum(["urban", "rural", "dedicated"]);
export const UnitKind = z.enum(["campus", "park", "factory", "office_tower"]);
export const GridStatus = z.enum(["draft", "active", "retired"]);
export type GridStatus = z.infer<typeof GridStatus>;

/** What a county files about a grid. A dedicated grid (专属网格) names its unit; the others have none. */
export const GridFieldsBase = z.object({
  name: z.string().trim().min(1).max(64),
  type: GridType,
  unit: z
    .object({ kind: UnitKind, name: z.string().trim().min(1).max(64) })
    .nullable()
    .optional(),
  households: z.number().int().min(0).max(100_000),
  population: z.number().int().min(0).max(1_000_000),
  partyOrganisation: z
    .string()
    .trim()
    .regex(/(党支部|党小组|党总支)$/, "must name a 党支部, 党小组 or 党总支")
    .max(64),
  supervisionPhone: z
    .string()
    .regex(/^\d{3,4}-?\d{7,8}$|^1\d{10}$/, "must be a landline like 0750-3295560 or a mobile number"),
  areaDescription: z.string().trim().max(500),
  boundary: Boundary,
});
export const unitMatchesType = (g: { type?: string; unit?: unknown }) =>
  (g.type === "dedicated") === (g.unit !== undefined && g.unit !== null);
/** A new grid; the area description may be left out. */
export const GridFields = GridFieldsBase.extend({ areaDescription: z.string().trim().max(500).default("") }).refine(
  unitMatchesType,
  {
    message: "a dedicated grid names its unit; other grids have none",
    path: ["unit"],
  },
);
/** An edit of a grid: only what is sent changes (no defaults, so nothing is blanked by omission). */
export const GridPatch = GridFieldsBase.partial();
export type GridFields = z.infer<typeof GridFields>;

export const Grid = GridFieldsBase.extend({
  code: GridCode,
  villageCode: DivisionCode,
  townshipCode: DivisionCode,
  countyCode: DivisionCode,
  status: GridStatus,
  /** Version of the grid's filed record (0 while it exists only in a draft layout). */
  version: z.number().int(),
  validFrom: DateOnly.nullable(),
  validTo: DateOnly.nullable(),
  areaM2: z.number(),
  layoutId: z.string(),
}).openapi("Grid");
export type Grid = z.infer<typeof Grid>;

export const GridHistoryKind = z.enum(["created", "split", "merged", "redrawn", "updated", "retired"]);
export type GridHistoryKind = z.infer<typeof GridHistoryKind>;
export const GridHistoryEntry = z.object({
  kind: GridHistoryKind,
  effectiveDate: DateOnly,
  layoutId: z.string(),
  /** Grids it came from (created by split/merge) or went into (retired by split/merge). */
  related: z.array(GridCode),
  version: z.number().int().nullable(),
});
export const GridHistory = z
  .object({ code: GridCode, events: z.array(GridHistoryEntry), versions: z.array(Grid) })
  .openapi("GridHistory");

// ---- layouts (备案) ----

export const LayoutStatus = z.enum(["draft", "submitted", "returned", "accepted"]);
export const GridChange = z.discriminatedUnion("op", [
  z.object({ op: z.literal("create"), villageCode: DivisionCode, grid: GridFields }),
  z.object({ op: z.literal("update"), code: GridCode, grid: GridPatch }),
  z.object({ op: z.literal("retire"), code: GridCode }),
  z.object({ op: z.literal("split"), code: GridCode, parts: z.array(GridFields).min(2).max(20) }),
  z.object({ op: z.literal("merge"), codes: z.array(GridCode).min(2).max(20), grid: GridFields }),
]);
export type GridChange = z.infer<typeof GridChange>;
export const GridChanges = z.object({ changes: z.array(GridChange).min(1).max(100) });

export const LayoutEntry = z.object({
  code: GridCode,
  villageCode: DivisionCode,
  op: z.enum(["create", "update", "retire"]),
  kind: GridHistoryKind,
  related: z.array(GridCode),
});
export const Layout = z
  .object({
    id: z.string(),
    countyCode: DivisionCode,
    number: z.number().int(),
    status: LayoutStatus,
    note: z.string().nullable(),
    effectiveDate: DateOnly.nullable(),
    reviewReasons: z.array(z.string()),
    createdBy: z.string(),
    createdAt: z.string(),
    submittedAt: z.string().nullable(),
    reviewedAt: z.string().nullable(),
    version: z.number().int(),
    changes: z.array(LayoutEntry),
  })
  .openapi("Layout");
export type Layout = z.infer<typeof Layout>;

const Area = z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.unknown()) });
/** What the layout rules found: overlaps and grids outside their village block; gaps block filing; norms only warn. */
export const LayoutFindings = z
  .object({
    overlaps: z.array(z.object({ a: GridCode, b: GridCode, areaM2: z.number(), geometry: Area })),
    outside: z.array(z.object({ code: GridCode, villageCode: DivisionCode, areaM2: z.number(), geometry: Area })),
    gaps: z.array(z.object({ villageCode: DivisionCode, areaM2: z.number(), geometry: Area })),
    warnings: z.array(
      z.object({ code: GridCode.nullable(), villageCode: DivisionCode, rule: z.string(), message: z.string() }),
    ),
    unchecked: z.array(z.object({ villageCode: DivisionCode, reason: z.string() })),
  })
  .openapi("LayoutFindings");
export type LayoutFindings = z.infer<typeof LayoutFindings>;

export const NewLayout = z.object({ countyCode: DivisionCode, note: z.string().max(500).optional() });
export const SubmitLayout = z.object({ note: z.string().max(500).optional() });
export const AcceptLayout = z.object({ effectiveDate: DateOnly });
export const ReturnLayout = z.object({ reasons: z.array(z.string().trim().min(1).max(500)).min(1).max(20) });

// ---- point lookup ----

export const LngLat = z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) });
export const PointLocationSchema = z
  .object({
    gridCode: GridCode,
    gridName: z.string(),
    villageCode: DivisionCode,
    townshipCode: DivisionCode,
    countyCode: DivisionCode,
  })
  .openapi("PointLocation");
export const LocateQuery = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  onDate: DateOnly.optional(),
});
export const LocateBatch = z.object({ points: z.array(LngLat).min(1).max(1000), onDate: DateOnly.optional() });

// ---- disclosure (公示) ----

export const PublicGrid = z
  .object({
    code: GridCode,
    name: z.string(),
    type: GridType,
    unitName: z.string().nullable(),
    villageName: z.string(),
    townshipName: z.string(),
    countyName: z.string(),
    areaDescription: z.string(),
    supervisionPhone: z.string(),
    /** Names, roles and work phones only: never a private phone or an ID number. */
    workers: z.array(
      z.object({
        name: z.string(),
        role: z.enum(["chief", "full_time", "part_time", "professional", "auxiliary"]),
        workPhone: z.string(),
      }),
    ),
  })
  .openapi("PublicGrid");
export type PublicGrid = z.infer<typeof PublicGrid>;

// ---- matters (网格事项) ----

export const MatterCode = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, "must be 2-32 characters A-Z 0-9 -")
  .openapi({ example: "0101" });
export const MatterStep = z.enum(["accept", "dispatch", "sign", "handle", "check"]);
export const StepLimits = z.partialRecord(MatterStep, StepLimit);
export const WorkerDuty = z.enum(["collect", "report", "handle"]);
export const MatterListKind = z.enum(["admission", "forbidden"]);

export const MatterCategory = z
  .object({
    code: MatterCode,
    name: z.string().trim().min(1).max(64),
    parentCode: MatterCode.nullable(),
    description: z.string().max(500),
  })
  .openapi("MatterCategory");
export const MatterCategoryNode: z.ZodType<MatterCategoryTree> = MatterCategory.extend({
  children: z.lazy(() => z.array(MatterCategoryNode)),
}).openapi("MatterCategoryNode");
export type MatterCategoryTree = z.infer<typeof MatterCategory> & { children: MatterCategoryTree[] };
export const NewMatterCategory = MatterCategory.extend({ description: z.string().max(500).default("") });
export const MatterCategoryPatch = z
  .object({ name: z.string().trim().min(1).max(64), description: z.string().max(500) })
  .partial();

export const AdmissionItem = z
  .object({
    matterCode: MatterCode,
    name: z.string().trim().min(1).max(100),
    categoryCode: MatterCode,
    responsibleDepartmentKind: z.string().trim().min(1).max(32),
    workerDuty: WorkerDuty,
    limits: StepLimits,
    emergency: z.boolean().default(false),
    stabilityRisk: z.boolean().default(false),
    policeCall: z.boolean().default(false),
    /** The steps whose record must carry photos from before and after the work (现场处置前后对比照片). */
    beforeAfterPhotos: z
      .array(z.enum(["resolve-on-site", "handle"]))
      .max(2)
      .default([]),
    /** Open cases of the matter this near and this recent are shown to a reporter as possible duplicates. */
    duplicates: z
      .object({ radiusMeters: z.number().int().min(1).max(5000), windowDays: z.number().int().min(1).max(365) })
      .default({ radiusMeters: 50, windowDays: 7 }),
  })
  .openapi("AdmissionItem");
export type AdmissionItem = z.infer<typeof AdmissionItem>;
export const ForbiddenItem = z
  .object({
    matterCode: MatterCode,
    name: z.string().trim().min(1).max(100),
    categoryCode: MatterCode.nullable().default(null),
    rule: z.string().trim().min(1).max(500),
  })
  .openapi("ForbiddenItem");
export type ForbiddenItem = z.infer<typeof ForbiddenItem>;

export const MatterList = z
  .object({
    countyCode: DivisionCode,
    number: z.number().int(),
    effectiveDate: DateOnly,
    filedAt: z.string(),
    changeRequestId: z.string().nullable(),
    admission: z.array(AdmissionItem),
    forbidden: z.array(ForbiddenItem),
  })
  .openapi("MatterList");
export type MatterList = z.infer<typeof MatterList>;

export const MatterChange = z.union([
  z.object({ action: z.literal("add"), list: z.literal("admission"), item: AdmissionItem }),
  z.object({ action: z.literal("add"), list: z.literal("forbidden"), item: ForbiddenItem }),
  z.object({ action: z.literal("withdraw"), list: MatterListKind, matterCode: MatterCode }),
]);
export type MatterChange = z.infer<typeof MatterChange>;
export const NewMatterChangeRequest = z.object({
  countyCode: DivisionCode,
  change: MatterChange,
  reason: z.string().trim().min(1).max(1000),
});
export const MatterChangeRequest = z
  .object({
    id: z.string(),
    countyCode: DivisionCode,
    change: MatterChange,
    reason: z.string(),
    status: z.enum(["pending", "approved", "refused"]),
    requestedBy: z.string(),
    requesterUnit: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
    listNumber: z.number().int().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .openapi("MatterChangeRequest");
export type MatterChangeRequest = z.infer<typeof MatterChangeRequest>;
export const ApproveMatterChange = z.object({
  effectiveDate: DateOnly.optional(),
  note: z.string().max(500).optional(),
});
export const RefuseMatterChange = z.object({ note: z.string().trim().min(1).max(500) });
export const MatterAdmissionQuery = z.object({
  countyCode: DivisionCode,
  matterCode: MatterCode,
  onDate: DateOnly.optional(),
});
export const MatterAdmissionSchema = z
  .object({
    matterCode: z.string(),
    countyCode: DivisionCode,
    status: z.enum(["admitted", "forbidden", "unlisted"]),
    name: z.string().optional(),
    categoryCode: z.string().optional(),
    responsibleDepartmentKind: z.string().optional(),
    workerDuty: WorkerDuty.optional(),
    limits: StepLimits.optional(),
    emergency: z.boolean().optional(),
    stabilityRisk: z.boolean().optional(),
    policeCall: z.boolean().optional(),
    beforeAfterPhotos: z.array(z.enum(["resolve-on-site", "handle"])).optional(),
    duplicates: z.object({ radiusMeters: z.number().int(), windowDays: z.number().int() }).optional(),
    rule: z.string().optional(),
    listVersion: z.number().int().optional(),
  })
  .openapi("MatterAdmission");

// ---- matter definitions: what residents' apps show of a matter (Open311 GeoReport v2 service definitions) ----

export const AttributeDatatype = z.enum(["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]);
const isList = (datatype: string) => datatype === "singlevaluelist" || datatype === "multivaluelist";

/** One extra question a report of the matter asks (an Open311 attribute); list types name their values. */
export const MatterAttribute = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "must be 1-32 characters a-z 0-9 _, starting with a letter"),
    /** The prompt shown to the reporter. */
    description: z.string().trim().min(1).max(200),
    datatype: AttributeDatatype,
    required: z.boolean().default(false),
    order: z.number().int().min(1).max(100),
    values: z
      .array(z.object({ key: z.string().trim().min(1).max(64), name: z.string().trim().min(1).max(100) }))
      .min(1)
      .max(50)
      .optional(),
  })
  .superRefine((a, ctx) => {
    if (isList(a.datatype) && !a.values)
      ctx.addIssue({ code: "custom", path: ["values"], message: `a ${a.datatype} attribute names its values` });
    if (!isList(a.datatype) && a.values)
      ctx.addIssue({
        code: "custom",
        path: ["values"],
        message: "only singlevaluelist and multivaluelist attributes have values",
      });
    a.values?.forEach((v, i) => {
      if (a.values?.findIndex((w) => w.key === v.key) !== i)
        ctx.addIssue({ code: "custom", path: ["values", i, "key"], message: `value key ${v.key} is used twice` });
    });
  })
  .openapi("MatterAttribute");
export type MatterAttribute = z.infer<typeof MatterAttribute>;

const DefinitionFields = z.object({
  description: z.string().trim().max(1000).default(""),
  keywords: z.array(z.string().trim().min(1).max(32)).max(20).default([]),
  /** The group residents' apps file the matter under; null: the name of its catalogue category. */
  group: z.string().trim().min(1).max(64).nullable().default(null),
  attributes: z.array(MatterAttribute).max(30).default([]),
  /** False for demo and test configuration: never shown in a public list (Open311 services, public lists). */
  listed: z.boolean().default(true),
});
/** The city agency's edit of a matter's definition (PUT: the whole definition). */
export const MatterDefinitionInput = DefinitionFields.superRefine((d, ctx) => {
  d.attributes.forEach((a, i) => {
    if (d.attributes.findIndex((b) => b.code === a.code) !== i)
      ctx.addIssue({
        code: "custom",
        path: ["attributes", i, "code"],
        message: `attribute ${a.code} is defined twice`,
      });
    if (d.attributes.findIndex((b) => b.order === a.order) !== i)
      ctx.addIssue({ code: "custom", path: ["attributes", i, "order"], message: `order ${a.order} is used twice` });
  });
});
export const MatterDefinition = DefinitionFields.extend({
  matterCode: MatterCode,
  version: z.number().int(),
  updatedAt: z.string(),
}).openapi("MatterDefinition");
export type MatterDefinition = z.infer<typeof MatterDefinition>;

/** A matter of a county's admission list as the public sees it (the Open311 service; AdmittedMatter in rpc.ts). */
export const PublicMatter = z
  .object({
    matterCode: MatterCode,
    name: z.string(),
    categoryCode: MatterCode,
    description: z.string(),
    keywords: z.array(z.string()),
    group: z.string(),
    attributes: z.array(MatterAttribute),
  })
  .openapi("PublicMatter");
export type PublicMatter = z.infer<typeof PublicMatter>;

// ---- events on civicgrid-registry-events ----

export const RegistryEventType = z.enum([
  "registry.division.changed",
  "registry.grid.changed",
  "registry.disclosure.changed",
  "registry.layout.submitted",
  "registry.layout.returned",
  "registry.layout.accepted",
  "registry.matter_list.changed",
  "registry.matter_categories.changed",
]);
export type RegistryEventType = z.infer<typeof RegistryEventType>;

/** registry.grid.changed: one grid's filed change, once its layout is accepted (aggregate: the grid code). */
export const GridChangedData = z.object({
  gridCode: GridCode,
  villageCode: DivisionCode,
  countyCode: DivisionCode,
  kind: GridHistoryKind,
  related: z.array(GridCode),
  effectiveDate: DateOnly,
  layoutId: z.string(),
});
/** registry.matter_list.changed: a county's lists have a new version (aggregate: `matters:<county>`). */
export const MatterListChangedData = z.object({
  countyCode: DivisionCode,
  number: z.number().int(),
  effectiveDate: DateOnly,
  changeRequestId: z.string().nullable(),
  change: MatterChange.nullable(),
});
