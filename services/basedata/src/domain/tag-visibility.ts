import { TAG_KINDS, tagKind, type Role, type TagKindCode } from "@civicgrid/contracts";

/**
 * Who sees which care and special-group tags (PIPL art. 28: criminal records, health, minors are sensitive personal
 * information, processed only by those with a specific purpose and strict protection). A sensitive kind is shown only
 * to staff of the department that owns it (Department.kind === TagKind.ownerDepartmentKind, within the department's
 * division) and to grid workers of the person's grid — never to agency staff, and so never in their lists. Other
 * kinds are shown to agencies and grid workers in jurisdiction and to the owning department.
 */
export interface Viewer {
  /** The caller's roles that may read this person at all (basedata:read, jurisdiction already checked). */
  roles: readonly Role[];
  /** The grids the caller serves as a grid worker. */
  grids: readonly string[];
  /** The kind of the caller's department (公安, 司法行政 …), when they act for one. */
  departmentKind: string | null;
}

function visibleThrough(role: Role, viewer: Viewer, kind: TagKindCode, personGrid: string | null): boolean {
  const k = tagKind(kind);
  switch (role) {
    case "department":
      return viewer.departmentKind !== null && k.ownerDepartmentKind === viewer.departmentKind;
    case "grid_worker":
      return !k.sensitive || (personGrid !== null && viewer.grids.includes(personGrid));
    case "agency":
    case "platform_admin":
      return !k.sensitive;
    default:
      return false;
  }
}

/** Whether the viewer may see a tag of `kind` on a person living in `personGrid`. */
export function tagVisible(viewer: Viewer, kind: TagKindCode, personGrid: string | null): boolean {
  return viewer.roles.some((role) => visibleThrough(role, viewer, kind, personGrid));
}

/** The tag kinds a department of this kind owns. */
export function ownedKinds(departmentKind: string | null): TagKindCode[] {
  return TAG_KINDS.filter((k) => k.ownerDepartmentKind === departmentKind).map((k) => k.code);
}

/**
 * Whether the viewer may read the person at all: agencies and grid workers in jurisdiction may; a department only
 * when the person carries an open tag of a kind it owns (its purpose: the group it serves).
 */
export function mayReadPerson(viewer: Viewer, openKinds: readonly TagKindCode[]): boolean {
  if (viewer.roles.some((r) => r === "agency" || r === "grid_worker" || r === "platform_admin")) return true;
  const owned = ownedKinds(viewer.departmentKind);
  return viewer.roles.includes("department") && openKinds.some((k) => owned.includes(k));
}

/**
 * Whether the viewer may search by a tag kind over a scope: a sensitive kind only as its owning department or as a
 * grid worker (whose results are their own grids' people).
 */
export function maySearchTag(viewer: Viewer, kind: TagKindCode): boolean {
  if (!tagKind(kind).sensitive) return viewer.roles.length > 0;
  return viewer.roles.some(
    (role) => role === "grid_worker" || (role === "department" && visibleThrough(role, viewer, kind, null)),
  );
}
