import type { MiddlewareHandler } from "hono";

export const REQUEST_ID_HEADER = "x-request-id";
const VALID = /^[A-Za-z0-9._:-]{8,128}$/;

/** Keeps a well-formed incoming request id (the gateway's) or makes one, and echoes it on the answer. */
export function requestId(): MiddlewareHandler {
  return async (c, next) => {
    const incoming = c.req.header(REQUEST_ID_HEADER);
    const id = incoming && VALID.test(incoming) ? incoming : crypto.randomUUID();
    c.set("requestId" as never, id as never);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, id);
  };
}
