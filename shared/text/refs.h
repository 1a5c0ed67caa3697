// References to party and state documents in running text, as stable keys.
//
// A key is KIND-N, then what else the reference gives: "/YEAR" and "/ISSUER" for numbers of
// the state form (number/year/issuer), "/ISSUER" for a party or state number without a year.
// N has no leading zeros, so "Chỉ thị 05-CT/TW" and "Chỉ thị 5" agree. The Party's centre
// (TW, TƯ) is left out: "Nghị quyết 57" means 57-NQ/TW. Keys are ASCII upper case; the
// issuer keeps its letters without diacritics (BGDĐT → BGDDT).
//
//   written                                                key
//   Nghị quyết 60 · Nghị quyết số 60 · NGHỊ QUYẾT SỐ 60    NQ-60
//   Nghi quyet 60 · 60-NQ/TW · Nghị quyết số 60-NQ/TW      NQ-60
//   Nghị quyết 24-NQ/TU (a provincial committee)           NQ-24/TU
//   Nghị quyết liên tịch 09/2008/NQLT-CP-UBTWMTTQVN        NQLT-9/2008/CP-UBTWMTTQVN
//   Kết luận 150 · 150-KL/TW                               KL-150
//   Chỉ thị 05-CT/TW · Chỉ thị 5                           CT-5
//   Chỉ thị 16/CT-TTg                                      CT-16/TTG
//   Quy định 08-QĐi/TW · Quy định 205-QĐ/TW (before 2018)  QDI-8 · QDI-205
//   Quyết định 99-QĐ/TW · 99-QĐ/TW                         QD-99
//   Quyết định số 1234/QĐ-TTg                              QD-1234/TTG
//   Hướng dẫn 36-HD/BTCTW · Thông báo số 203-TB/TU          HD-36/BTCTW · TB-203/TU
//   Nghị định 15/2020/NĐ-CP                                ND-15/2020/CP
//   Nghị định 137/2015 · Nghị định 100                     ND-137/2015 · ND-100
//   Thông tư 36/2017/TT-BGDĐT                              TT-36/2017/BGDDT
//   Luật số 100/2015/QH13 · Bộ luật Hình sự số 100/2015/QH13 LUAT-100/2015/QH13
//   Nghị quyết số 51/2001/QH10                             NQ-51/2001/QH10
//   Pháp lệnh số 15/2011/PL-UBTVQH12                       PL-15/2011/UBTVQH12
//   Hiến pháp năm 2013 · Hiến pháp 1992                    HP-2013 · HP-1992
//   Công điện 01/CĐ-TTg · Kế hoạch số 60/KH-UBND           CD-1/TTG · KH-60/UBND
//
// Kinds: NQ nghị quyết, NQLT nghị quyết liên tịch, KL kết luận, CT chỉ thị, QDI quy định
// (the Party's regulations, QĐi — and QĐ written after "Quy định"), QD quyết định, ND nghị
// định, TT thông tư, TTLT thông tư liên tịch, LUAT luật and bộ luật, PL pháp lệnh, HP hiến
// pháp, HD hướng dẫn, TB thông báo, CD công điện, KH kế hoạch, QC quy chế, CTR chương trình,
// DA đề án, BC báo cáo.
// A less specific reference is a prefix of a more specific key, cut at a '/': NQ-15 of
// NQ-15/CP, ND-15 and ND-15/2020 of ND-15/2020/CP.
//
// What is found: a kind word (any case, with or without diacritics) followed by "số", "số:"
// or nothing and a number; and numbers in the official forms without the word (57-NQ/TW,
// 1234/QĐ-TTg, 15/2020/NĐ-CP, 100/2015/QH13), each a reference of its own ("Nghị quyết
// 57-NQ/TW và 59-NQ/TW" gives two). Where the form has a kind code, it decides; an Assembly
// number (QH13) takes its kind from the nearest kind word in the clause before it ("Bộ luật
// Hình sự số …"), else it is taken for a law (LUAT), an Assembly Standing Committee number
// (UBTVQH14) for a resolution (NQ). A bare number needs "số" or a capitalized kind word ("theo
// quy định 04 lần" is no reference), and for the kinds that are also common words (quyết
// định, quy định, hướng dẫn, thông báo, kết luận) a capital that does not merely open the
// sentence. Not references: kind words without a number ("Luật này", "Nghị quyết của Đảng"),
// "Điều 60", "pháp luật 06 người", "Nghị quyết Trung ương 4", dates, "quy định 5K".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

struct DocumentRef {
  std::string key;        // "NQ-15", "LUAT-100/2015/QH13"
  std::size_t begin = 0;  // byte span [begin, end) of the reference in the text: from the
  std::size_t end = 0;    // kind word when there is one, to the end of the number
};

// The references in NFC text, in order of their position.
std::vector<DocumentRef> find_refs(std::string_view nfc_text);

// The key of one reference as a user types it after `ref:` — a key ("NQ-15", "nq 15",
// "LUAT-100/2015/QH13", "hp-2013"), a number ("15-NQ/TW", "100/2015/QH13") or words
// ("nghi quyet 15", "Nghị quyết số 15", "quy dinh 8") — or nullopt when it names none.
std::optional<std::string> normalize_ref(std::string_view typed);

// Whether `kind` is the kind of keys ("NQ", "ND", "LUAT", "HP": the list above), in upper case.
bool is_ref_kind(std::string_view kind);
// The kinds a document's key begins with, for messages: "NQ (Nghị quyết), NQLT (…), …".
std::string ref_kinds();

// The kind of a key: "ND" of "ND-86/2015/CP"; "" for a string that is no key.
std::string_view ref_kind(std::string_view key);

// A key as readers write the document: "ND-86/2015/CP" → "Nghị định 86/2015/NĐ-CP",
// "NQ-57" → "Nghị quyết 57", "NQ-24/TU" → "Nghị quyết 24-NQ/TU", "CT-16/TTG" →
// "Chỉ thị 16/CT-TTg", "LUAT-100/2015/QH13" → "Luật 100/2015/QH13", "HP-2013" →
// "Hiến pháp 2013". The key itself when it is no key.
std::string ref_name(std::string_view key);

}  // namespace tracuu
