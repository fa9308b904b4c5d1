import { z } from "@hono/zod-openapi";
import { DivisionCode } from "./division";

/** Roles a login subject can hold. Agency level (city/county/township/village) follows from its division code. */
export const Role = z.enum(["platform_admin", "agency", "department", "grid_worker", "hr", "resident"]);
export type Role = z.infer<typeof Role>;
/** Every role, in the order of `Role`: the one list to iterate over (never write it out again). */
export const ROLES: readonly Role[] = Role.options;

/**
 * The verified identity the gateway hands to services. Services never build one from request
 * input: they only accept it inside the gateway-signed internal token (see @civicgrid/auth).
 */
export const Principal = z.object({
  sub: z.string().min(1).max(128),
  name: z.string().max(64).optional(),
  roles: z.array(Role).min(1),
  divisionCode: DivisionCode,
  departmentId: z.string().max(64).optional(),
  grids: z.array(z.string()).max(500).optional(),
});
export type Principal = z.infer<typeof Principal>;
