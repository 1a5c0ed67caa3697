#include "text/vietnamese.h"

#include <array>

namespace tracuu::vn {
namespace {

// Rows: the 12 vowels; columns: the tones in Tone order (level, grave, acute, hook, tilde, dot).
constexpr std::u32string_view kLower[] = {
    U"aàáảãạ", U"ăằắẳẵặ", U"âầấẩẫậ", U"eèéẻẽẹ", U"êềếểễệ", U"iìíỉĩị",
    U"oòóỏõọ", U"ôồốổỗộ", U"ơờớởỡợ", U"uùúủũụ", U"ưừứửữự", U"yỳýỷỹỵ",
};
constexpr std::u32string_view kUpper[] = {
    U"AÀÁẢÃẠ", U"ĂẰẮẲẴẶ", U"ÂẦẤẨẪẬ", U"EÈÉẺẼẸ", U"ÊỀẾỂỄỆ", U"IÌÍỈĨỊ",
    U"OÒÓỎÕỌ", U"ÔỒỐỔỖỘ", U"ƠỜỚỞỠỢ", U"UÙÚỦŨỤ", U"ƯỪỨỬỮỰ", U"YỲÝỶỸỴ",
};
constexpr std::u32string_view kAllLower =
    U"aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ";
constexpr std::u32string_view kAllUpper =
    U"AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ";

constexpr char32_t kTableEnd = 0x1F00;  // all Vietnamese letters lie below U+1F00

// One entry per code point below kTableEnd: 0 = not a Vietnamese letter, else
// (row + 1) | tone << 5 | upper << 8, with row 12 meaning đ.
struct Table {
  std::array<std::uint16_t, kTableEnd> entry{};
  Table() {
    for (std::uint16_t row = 0; row < 12; ++row) {
      for (std::uint16_t tone = 0; tone < 6; ++tone) {
        entry[kLower[row][tone]] = static_cast<std::uint16_t>((row + 1) | tone << 5);
        entry[kUpper[row][tone]] = static_cast<std::uint16_t>((row + 1) | tone << 5 | 1 << 8);
      }
    }
    entry[U'đ'] = 13;
    entry[U'Đ'] = 13 | 1 << 8;
  }
};

const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

bool lookup(char32_t cp, Letter& out) {
  if (cp >= kTableEnd) return false;  // ASCII vowels are entries too: callers get one shape
  const std::uint16_t e = table().entry[cp];
  if (e == 0) return false;
  const unsigned row = (e & 0x1F) - 1;
  out.base = row == 12 ? U'đ' : kLower[row][0];
  out.tone = static_cast<Tone>((e >> 5) & 0x7);
  out.upper = (e >> 8) & 1;
  return true;
}

char32_t compose(char32_t base, Tone tone) {
  for (const auto& row : kLower) {
    if (row[0] == base) return row[static_cast<unsigned>(tone)];
  }
  return base;
}

std::u32string_view all_lower_letters() { return kAllLower; }
std::u32string_view all_upper_letters() { return kAllUpper; }

char32_t strip_quality(char32_t base) {
  switch (base) {
    case U'ă': case U'â': return U'a';
    case U'ê': return U'e';
    case U'ô': case U'ơ': return U'o';
    case U'ư': return U'u';
    case U'đ': return U'd';
    default: return base;
  }
}

}  // namespace tracuu::vn
