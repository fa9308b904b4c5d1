export * from "./ids";
export * from "./tag-kinds";
export * from "./credit-code";
export * from "./changes";
export * from "./submissions";
export * from "./settings";
export * from "./imports";
