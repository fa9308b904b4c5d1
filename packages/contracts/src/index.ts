export * from "./division";
export * from "./events";
export * from "./health";
export * from "./pagination";
export * from "./principal";
export * from "./problem";
export * from "./rpc";
export * from "./case-events";
