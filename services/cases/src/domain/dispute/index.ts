export * from "./context";
export * from "./decide";
export * from "./lifecycle";
export * from "./record";
