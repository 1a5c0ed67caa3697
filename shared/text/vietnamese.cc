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

constexpr std::array<std::uint16_t, detail::kTableEnd> build_entries() {
  std::array<std::uint16_t, detail::kTableEnd> entry{};
  for (std::uint16_t row = 0; row < 12; ++row) {
    for (std::uint16_t tone = 0; tone < 6; ++tone) {
      entry[kLower[row][tone]] = static_cast<std::uint16_t>((row + 1) | tone << 5);
      entry[kUpper[row][tone]] = static_cast<std::uint16_t>((row + 1) | tone << 5 | 1 << 8);
    }
  }
  entry[U'đ'] = 13;
  entry[U'Đ'] = 13 | 1 << 8;
  return entry;
}

}  // namespace

constinit const std::array<std::uint16_t, detail::kTableEnd> detail::kEntries = build_entries();

char32_t compose(char32_t base, Tone tone) {
  // The row of `base` from the lookup table: only a lower-case vowel without tone (entry
  // bits above the row all 0) has one; đ (row 12) has no tones.
  const std::uint16_t e = base < detail::kTableEnd ? detail::kEntries[base] : 0;
  if (e == 0 || (e >> 5) != 0 || e == 13) return base;
  return kLower[e - 1][static_cast<unsigned>(tone)];
}

std::u32string_view all_lower_letters() { return kAllLower; }
std::u32string_view all_upper_letters() { return kAllUpper; }

char32_t strip_quality(char32_t base) {
  switch (base) {
    case U'ă':
    case U'â':
      return U'a';
    case U'ê':
      return U'e';
    case U'ô':
    case U'ơ':
      return U'o';
    case U'ư':
      return U'u';
    case U'đ':
      return U'd';
    default:
      return base;
  }
}

}  // namespace tracuu::vn
