/**
 * Drafts of the Mongolian of the members' phone pages' shortest words (titles, buttons, labels),
 * composed here from common written Mongolian and the glossary (../shared/data/mn-glossary-draft.json)
 * — not attested, not checked by a native speaker. Each is loaded as a draft, never over a text a
 * translator has written; the pages say 译文待审校 until the CPPCC's translators review them, and the
 * strings left out here show in Chinese until one is written. MVS (U+180E) marks a detached final
 * -a/-e; a case suffix is joined by NNBSP (U+202F).
 */
export const PHONE_STRINGS_MN: Record<string, string> = {
  // gesigüd ün ger; 委员之家: the glossary's composed placeholder (not attested; never printed)
  'phone.app.shortName': 'ᠭᠡᠰᠢᠭᠦᠳ ᠦᠨ ᠭᠡᠷ',
  // nebterekü
  'phone.auth.title': 'ᠨᠡᠪᠲᠡᠷᠡᠬᠦ',
  // kereglegči_yin ner-e
  'phone.auth.username': 'ᠬᠡᠷᠡᠭᠯᠡᠭᠴᠢ ᠶᠢᠨ ᠨᠡᠷ᠎ᠡ',
  // niɣuča duɣar
  'phone.auth.password': 'ᠨᠢᠭᠤᠴᠠ ᠳᠤᠭᠠᠷ',
  // nebterekü
  'phone.auth.submit': 'ᠨᠡᠪᠲᠡᠷᠡᠬᠦ',
  // ɣarqu
  'phone.auth.logout': 'ᠭᠠᠷᠬᠤ',
  // üile ajillaɣ-a_du büridkekü
  'phone.checkin.title': 'ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ᠎ᠠ ᠳᠤ ᠪᠦᠷᠢᠳᠬᠡᠬᠦ',
  // čaɣ
  'phone.checkin.time': 'ᠴᠠᠭ',
  // ɣajar
  'phone.checkin.place': 'ᠭᠠᠵᠠᠷ',
  // ejen bayiɣuluɣči
  'phone.checkin.hosts': 'ᠡᠵᠡᠨ ᠪᠠᠶᠢᠭᠤᠯᠤᠭᠴᠢ',
  // büridkekü
  'phone.checkin.submit': 'ᠪᠦᠷᠢᠳᠬᠡᠬᠦ',
  // büridkel amjilta tai
  'phone.checkin.success': 'ᠪᠦᠷᠢᠳᠬᠡᠯ ᠠᠮᠵᠢᠯᠲᠠ ᠲᠠᠢ',
  // daraɣači alqum
  'phone.checkin.codeSubmit': 'ᠳᠠᠷᠠᠭᠠᠴᠢ ᠠᠯᠬᠤᠮ',
  // medel-e
  'phone.checkin.dismiss': 'ᠮᠡᠳᠡᠯ᠎ᠡ',
  // minü ajil üiles_ün dangsa
  'phone.mine.recordTitle': 'ᠮᠢᠨᠦ ᠠᠵᠢᠯ ᠦᠢᠯᠡᠰ ᠦᠨ ᠳᠠᠨᠭᠰᠠ',
  // minü gesigüd ün ger
  'phone.mine.homesTitle': 'ᠮᠢᠨᠦ ᠭᠡᠰᠢᠭᠦᠳ ᠦᠨ ᠭᠡᠷ',
  // {{year}} on
  'phone.mine.year': '{{year}} ᠣᠨ',
  // ajil üiles_ün onoɣ-a
  'phone.mine.total': 'ᠠᠵᠢᠯ ᠦᠢᠯᠡᠰ ᠦᠨ ᠣᠨᠣᠭ᠎ᠠ',
  // {{points}} onoɣ-a
  'phone.mine.points': '{{points}} ᠣᠨᠣᠭ᠎ᠠ',
  // ajil üiles_ün temdeglel
  'phone.mine.entryList': 'ᠠᠵᠢᠯ ᠦᠢᠯᠡᠰ ᠦᠨ ᠲᠡᠮᠳᠡᠭᠯᠡᠯ',
  // gesigün; 委员 / 成员: the glossary's attested singular
  'phone.mine.role.member': 'ᠭᠡᠰᠢᠭᠦᠨ',
  // dakin tursiqu
  'phone.mine.retry': 'ᠳᠠᠬᠢᠨ ᠲᠤᠷᠰᠢᠬᠤ',
  // ajil üiles_ün dangsa
  'phone.mine.nav.record': 'ᠠᠵᠢᠯ ᠦᠢᠯᠡᠰ ᠦᠨ ᠳᠠᠨᠭᠰᠠ',
  // gesigüd ün ger; 委员之家: the glossary's composed placeholder
  'phone.mine.nav.homes': 'ᠭᠡᠰᠢᠭᠦᠳ ᠦᠨ ᠭᠡᠷ',
  // büridkekü
  'phone.mine.nav.checkin': 'ᠪᠦᠷᠢᠳᠬᠡᠬᠦ',
};
