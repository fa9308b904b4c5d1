export * from "./bearer";
export * from "./claims";
export * from "./errors";
export * from "./internal";
export * from "./jwks";
export * from "./mint";
export * from "./policy";
export * from "./references";
