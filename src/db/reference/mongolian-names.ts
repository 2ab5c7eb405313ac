/**
 * Traditional Mongolian names of regions, as found on public government pages (蒙古文版 of the
 * banners' and the region's sites). Each is loaded as a draft (`name_mn_reviewed = false`) for the
 * CPPCC's translators to review in the admin UI; a name they have entered or corrected is never
 * overwritten by this list. Where sources disagree (ᠤ/ᠣ, ᠳ/ᠲ look alike), the banners' own sites'
 * spelling is taken. Names with no attested form are left empty rather than composed here: 东胜区,
 * 康巴什区, 鄂托克前旗, 鄂托克旗, 乌审旗 and the township-level units.
 */
export const REGION_NAMES_MN: Record<string, string> = {
  // 鄂尔多斯市: mgyxw.cn; ᠤᠷᠳᠤᠰ also mgl.dlt.gov.cn
  '150600': 'ᠤᠷᠳᠤᠰ ᠬᠤᠳᠠ',
  // 达拉特旗, 准格尔旗, 杭锦旗, 伊金霍洛旗: mgl.dlt.gov.cn (2018); 伊金霍洛 also nmgdj.gov.cn
  '150621': 'ᠳᠠᠯᠠᠳ ᠬᠤᠰᠢᠭᠤ',
  '150622': 'ᠵᠡᠭᠦᠨᠭᠠᠷ ᠬᠤᠰᠢᠭᠤ',
  '150625': 'ᠬᠠᠩᠭᠢᠨ ᠬᠤᠰᠢᠭᠤ',
  '150627': 'ᠡᠵᠡᠨ ᠬᠤᠷᠤᠭᠠ ᠬᠤᠰᠢᠭᠤ',
};
