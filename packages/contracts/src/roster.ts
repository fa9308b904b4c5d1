/**
 * Bodies and answers of the roster service: workers, assignments, screening, training, notices,
 * departments, users and county settings. Private data (ID number, private phone) only ever
 * appears masked here, except in `WorkerPii`, which only an HR role reads, one record at a time.
 */
import { z } from "@hono/zod-openapi";
import { DivisionCode } from "./division";
import { isValidIdNumber } from "./id-number";
import { Role } from "./principal";

export const IdNumber = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine(
    isValidIdNumber,
    "not a valid resident ID number (18 characters, a real birth date, a correct check character)",
  );
export const MobilePhone = z.string().regex(/^1[3-9]\d{9}$/, "must be an 11-digit mainland mobile number");
export const Phone = z.string().regex(/^[\d-]{7,20}$/, "must be a phone number of digits and dashes");
export const IsoDate = z.iso.date();

export const WorkerStatus = z.enum(["active", "suspended", "dismissed"]);
export const AssignmentRole = z.enum(["chief", "full_time", "part_time", "professional", "auxiliary"]);
export type AssignmentRole = z.infer<typeof AssignmentRole>;
export const PoliticalStatus = z.enum(["party_member", "non_party"]);

export const NewWorker = z.object({
  name: z.string().trim().min(2).max(32),
  idNumber: IdNumber,
  privatePhone: MobilePhone,
  workPhone: Phone,
  politicalStatus: PoliticalStatus,
  /** The division of the employing org unit: a village for grid workers, a township or county for others. */
  divisionCode: DivisionCode,
  orgUnit: z.string().trim().min(2).max(64),
  departmentId: z.string().max(64).optional(),
});
export type NewWorker = z.infer<typeof NewWorker>;
export const WorkerPatch = NewWorker.pick({
  name: true,
  privatePhone: true,
  workPhone: true,
  politicalStatus: true,
  orgUnit: true,
}).partial();

export const Worker = z
  .object({
    id: z.string(),
    name: z.string(),
    idNumberMasked: z.string().openapi({ example: "440703********1234" }),
    privatePhoneMasked: z.string().openapi({ example: "138****5678" }),
    workPhone: z.string(),
    gender: z.enum(["male", "female"]),
    birthDate: z.string(),
    politicalStatus: PoliticalStatus,
    divisionCode: z.string(),
    orgUnit: z.string(),
    departmentId: z.string().nullable(),
    status: WorkerStatus,
    version: z.number().int(),
  })
  .openapi("Worker");
export type Worker = z.infer<typeof Worker>;

export const WorkerPii = z
  .object({ workerId: z.string(), idNumber: z.string(), privatePhone: z.string() })
  .openapi("WorkerPii");
export const StatusChange = z.object({ status: WorkerStatus, reason: z.string().trim().min(2).max(200) });
export const StatusEntry = z.object({ status: WorkerStatus, reason: z.string(), at: z.string(), bySub: z.string() });

export const Disqualifiers = z.object({
  criminalPunishment: z.boolean(),
  pendingCriminalCase: z.boolean(),
  detention: z.boolean(),
  expelledFromPublicOffice: z.boolean(),
  dishonestyBlacklist: z.boolean(),
  otherLegalBar: z.boolean(),
});
export const NewScreening = Disqualifiers.extend({ notes: z.string().max(500).optional() });
export const Screening = NewScreening.extend({
  id: z.string(),
  workerId: z.string(),
  passed: z.boolean(),
  screenedBy: z.string(),
  screenedAt: z.string(),
}).openapi("Screening");

export const TrainingKind = z.enum(["onboarding", "periodic", "department"]);
export const NewTraining = z.object({
  kind: TrainingKind,
  title: z.string().trim().min(2).max(100),
  date: IsoDate,
  hours: z.number().positive().max(200),
  departmentId: z.string().max(64).optional(),
});
export const Training = NewTraining.extend({ id: z.string(), workerId: z.string() }).openapi("Training");

export const NewAssignment = z.object({
  workerId: z.string().min(1).max(80),
  gridCode: z.string().regex(/^\d{15}$/, "must be a 15-digit grid code"),
  role: AssignmentRole,
  departmentId: z.string().max(64).optional(),
  /** The day the 上岗公示 was posted (today by default; it may have been posted before it was recorded). */
  noticeStartDate: IsoDate.optional(),
});
export const AssignmentStatus = z.enum(["notice", "active", "ended", "withdrawn"]);
export const Assignment = z
  .object({
    id: z.string(),
    workerId: z.string(),
    workerName: z.string(),
    gridCode: z.string(),
    role: AssignmentRole,
    departmentId: z.string().nullable(),
    status: AssignmentStatus,
    noticeStartDate: z.string(),
    noticeEndDate: z.string(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
    endReason: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi("Assignment");
export const EndAssignment = z.object({ reason: z.string().trim().min(2).max(200) });
export const Transfer = z.object({ gridCode: NewAssignment.shape.gridCode, reason: z.string().trim().min(2).max(200) });
export const NewObjection = z.object({ text: z.string().trim().min(2).max(1000) });
export const ObjectionResolution = z.object({
  outcome: z.enum(["dismissed", "upheld"]),
  note: z.string().trim().min(2).max(500),
});
export const Objection = z
  .object({
    id: z.string(),
    assignmentId: z.string(),
    text: z.string(),
    status: z.enum(["open", "dismissed", "upheld"]),
    note: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Objection");

export const Vacancy = z.object({ gridCode: z.string(), missing: z.array(z.enum(["chief", "full_time"])) });
export const TrainingShortfall = z.object({
  workerId: z.string(),
  name: z.string(),
  divisionCode: z.string(),
  trainings: z.number().int(),
  required: z.number().int(),
});

export const NewDepartment = z.object({
  id: z.string().regex(/^dept-\d{6}-[a-z_]{2,32}$/, "must look like dept-440703-police"),
  key: z.string().regex(/^[a-z_]{2,32}$/),
  kind: z.string().min(1).max(32),
  name: z.string().min(2).max(64),
  divisionCode: DivisionCode,
  dutyPhone: Phone,
  dutyContact: z.string().max(32).optional(),
});
export const DepartmentPatch = NewDepartment.pick({ name: true, dutyPhone: true, dutyContact: true }).partial();
export const Department = NewDepartment.extend({
  dutyContact: z.string().nullable(),
  version: z.number().int(),
}).openapi("Department");

export const OrgUnitKind = z.enum(["platform", "agency", "department", "village_committee"]);
export const UserStatus = z.enum(["active", "removed"]);
export const NewUser = z.object({
  sub: z.string().regex(/^[A-Za-z0-9._:@|-]{2,128}$/, "2 to 128 characters of letters, digits and . _ : @ | -"),
  name: z.string().trim().min(1).max(64),
  orgUnitKind: OrgUnitKind,
  orgUnit: z.string().trim().min(2).max(64),
  roles: z
    .array(Role.exclude(["resident"]))
    .min(1)
    .max(5),
  divisionCode: DivisionCode,
  departmentId: z.string().max(64).optional(),
  workerId: z.string().max(80).optional(),
  grids: z
    .array(z.string().regex(/^\d{15}$/))
    .max(500)
    .optional(),
});
export const UserPatch = NewUser.pick({ name: true, orgUnit: true, roles: true, grids: true }).partial();
export const User = NewUser.extend({ status: UserStatus, version: z.number().int() }).openapi("User");
export type User = z.infer<typeof User>;

export const CountySettings = z
  .object({
    countyCode: DivisionCode,
    /** Gansu: every grid must have exactly one full-time worker. */
    fullTimeRequired: z.boolean(),
    /** Length of the 上岗公示 in working days. */
    noticeWorkingDays: z.number().int().min(1).max(30),
    /** Gansu: at least two trainings a year. */
    minTrainingsPerYear: z.number().int().min(0).max(12),
    version: z.number().int(),
  })
  .openapi("CountySettings");
export const CountySettingsUpdate = CountySettings.omit({ countyCode: true, version: true });
