export * from "./core";
export * from "./places";
export * from "./people";
export * from "./visits";
export * from "./imports";
