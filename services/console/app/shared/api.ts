import { ApiError, createApiClient, must, type Problem } from "@civicgrid/client";
import { token } from "./session";

/**
 * The one client of the public API every screen uses: generated from /openapi.json (packages/client), on this origin,
 * with the signed-in user's token when there is one. The screens use nothing the public API does not offer.
 */
export const api = createApiClient({ baseUrl: location.origin, token });

export { ApiError, must };
export type { Problem };
