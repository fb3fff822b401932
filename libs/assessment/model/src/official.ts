// The official 2020 schemes as shipped defaults (a separate entry point, so the web bundle does not carry them):
// 医院信息互联互通标准化成熟度测评方案（2020年版） and 区域全民健康信息互联互通标准化成熟度测评方案（2020年版）, the
// checked data of fixtures/schemes copied unchanged into ./official/. Editable data: every figure is read from
// the scheme, a later version comes as a new scheme version.
import hospital from './official/hospital-2020.json';
import region from './official/region-2020.json';
import { schemeFromOfficial, type OfficialSchemeFile } from './lib/official-format';
import type { DefaultScheme } from './lib/schemes';

export const OFFICIAL_FILES: readonly OfficialSchemeFile[] = [
  hospital as OfficialSchemeFile,
  region as OfficialSchemeFile,
];

/** The default schemes "hospital-2020" and "region-2020" (fresh copies on every call). */
export function defaultSchemes(): DefaultScheme[] {
  return OFFICIAL_FILES.map((f) => schemeFromOfficial(structuredClone(f)));
}
