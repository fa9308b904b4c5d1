export * from "./constants";
export * from "./headers";
export * from "./principals";
