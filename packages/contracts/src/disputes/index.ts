export * from "./dispute";
export * from "./risk";

// Mediators (services/roster): mediation bodies and the registry of mediators.
export * from "./mediators";
