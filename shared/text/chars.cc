#include "text/chars.h"

#include <unicode/uchar.h>

#include "text/utf8.h"

namespace tracuu {

namespace detail {
bool icu_is_letter(char32_t cp) { return u_isalpha(static_cast<UChar32>(cp)) != 0; }
bool icu_is_upper(char32_t cp) {
  return u_isupper(static_cast<UChar32>(cp)) != 0 || u_istitle(static_cast<UChar32>(cp)) != 0;
}
bool icu_is_lower(char32_t cp) { return u_islower(static_cast<UChar32>(cp)) != 0; }
}  // namespace detail

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower_ascii(c);
  return out;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = upper_ascii(c);
  return out;
}

bool equal_ignoring_ascii_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower_ascii(a[i]) != lower_ascii(b[i])) return false;
  }
  return true;
}

std::string lower_vietnamese(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = next_code_point(text, pos);
    if (cp < 0x80) {
      out.push_back(static_cast<char>(lower_vietnamese(cp)));
    } else {
      append_utf8(out, lower_vietnamese(cp));
    }
  }
  return out;
}

}  // namespace tracuu
