/** MapLibre GL's worker script, imported for its URL (build.mjs loads this one file with esbuild's `file` loader). */
declare module "maplibre-gl/dist/maplibre-gl-worker.mjs" {
  const url: string;
  export default url;
}
