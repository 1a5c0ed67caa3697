#include "segment/units.h"

#include <unicode/uchar.h>

#include "text/chars.h"
#include "text/utf8.h"

namespace tracuu {
namespace {

bool only_spaces(std::string_view s) {
  if (s.empty()) return false;
  for (std::size_t pos = 0; pos < s.size();) {
    if (!is_inline_space(next_code_point(s, pos))) return false;
  }
  return true;
}

}  // namespace

Shape shape_of(std::string_view text) {
  std::size_t letters = 0, upper = 0, digits = 0;
  bool first_upper = false;
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = next_code_point(text, pos);
    // Any decimal digit, as the tokenizer's: "２０２５" typed full-width is a number too.
    if (u_isdigit(static_cast<UChar32>(cp))) {
      ++digits;
    } else if (is_letter(cp)) {
      if (letters == 0) first_upper = is_upper(cp);
      ++letters;
      if (is_upper(cp)) ++upper;
    }
  }
  if (letters == 0) return digits > 0 ? Shape::kNumber : Shape::kMixed;
  if (digits > 0) return Shape::kMixed;
  if (upper == 0) return Shape::kLower;
  if (upper == letters && letters >= 2) return Shape::kUpper;
  if (first_upper && upper == 1) return Shape::kTitle;
  return Shape::kMixed;
}

std::vector<Unit> make_units(std::string_view text, const std::vector<Word>& words) {
  std::vector<Unit> units;
  units.reserve(words.size());
  for (std::size_t i = 0; i < words.size();) {
    const std::size_t last = compound_end(words, i);
    Unit u;
    u.start = words[i].start;
    u.end = words[last - 1].end;
    u.first_word = static_cast<std::uint32_t>(i);
    u.last_word = static_cast<std::uint32_t>(last);
    if (last - i == 1) {
      u.form = words[i].exact;
      u.folded = words[i].folded;
    } else {
      u.form = compound_form(text, words, i, last, CompoundForm::kExact);
      u.folded = compound_form(text, words, i, last, CompoundForm::kFolded);
    }
    u.shape = shape_of(text.substr(u.start, u.end - u.start));
    u.space_before =
        !units.empty() && only_spaces(text.substr(units.back().end, u.start - units.back().end));
    units.push_back(std::move(u));
    i = last;
  }
  return units;
}

}  // namespace tracuu
