// Character classes, each defined once for every stage that asks (as xapian-core's
// Unicode::is_whitespace, FTS5's fts5_unicode2.c): white space, letters, case, digits.
// The classes are Unicode's, as ICU has them; ASCII and the Vietnamese letters, nearly all
// of the text, are answered without calling ICU, and chars_test compares every answer, for
// every code point, with ICU's.
#pragma once

#include <string>
#include <string_view>

#include "text/vietnamese.h"

namespace tracuu {

// Unicode White_Space (ICU u_isUWhiteSpace): tab to carriage return, space, U+0085, no-break
// space U+00A0, U+1680, U+2000–U+200A, line and paragraph separators U+2028 U+2029, U+202F,
// U+205F and the ideographic space U+3000. What separates a query's words.
inline bool is_white_space(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  if (cp < 0x2000) return cp == 0x85 || cp == 0xA0 || cp == 0x1680;
  return cp <= 0x200A || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

// White space within a line (ICU u_isblank): tab and the space separators (Zs), that is
// White_Space without the line breaks. What separates the words of a reference or a date.
inline bool is_inline_space(char32_t cp) {
  if (cp < 0x80) return cp == ' ' || cp == '\t';
  return is_white_space(cp) && cp != 0x85 && cp != 0x2028 && cp != 0x2029;
}

// The zero-width space U+200B and U+FEFF (a byte-order mark, once the zero-width no-break
// space): not White_Space, but text puts them between words where they show nothing.
inline bool is_zero_width_space(char32_t cp) { return cp == 0x200B || cp == 0xFEFF; }

// ASCII white space, for syntax written in ASCII (HTML tags, file headers, JSON lines):
// White_Space below U+0080.
inline constexpr std::string_view kAsciiWhiteSpace = " \t\n\v\f\r";
inline bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
// Space and tab (is_inline_space below U+0080), for scans of text byte by byte.
inline bool is_ascii_inline_space(char c) { return c == ' ' || c == '\t'; }

// The dashes that set off a clause or a range: hyphen-minus, en dash, em dash.
inline bool is_dash(char32_t cp) { return cp == '-' || cp == 0x2013 || cp == 0x2014; }

inline bool is_ascii_digit(char32_t cp) { return cp >= '0' && cp <= '9'; }
inline bool is_ascii_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// ASCII case, for syntax written in ASCII (HTML tag and attribute names, reference kinds,
// file names).
inline char lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
std::string lower_ascii(std::string_view s);
inline char upper_ascii(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}
std::string upper_ascii(std::string_view s);
bool equal_ignoring_ascii_case(std::string_view a, std::string_view b);

namespace detail {
bool icu_is_letter(char32_t cp);
bool icu_is_upper(char32_t cp);
bool icu_is_lower(char32_t cp);
}  // namespace detail

// A letter: Unicode general category L (ICU u_isalpha).
inline bool is_letter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  vn::Letter letter;
  return vn::lookup(cp, letter) || detail::icu_is_letter(cp);
}

// A capital: an upper-case or title-case letter (Lu, Lt: the Dž of a capitalized word).
inline bool is_upper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  vn::Letter letter;
  if (vn::lookup(cp, letter)) return letter.upper;
  return detail::icu_is_upper(cp);
}

// A lower-case letter (Ll).
inline bool is_lower(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  vn::Letter letter;
  if (vn::lookup(cp, letter)) return !letter.upper;
  return detail::icu_is_lower(cp);
}

// The lower case of an ASCII or Vietnamese letter (vn::lookup), precomposed; any other
// character as it is (words compared with Vietnamese ones need no more).
inline char32_t lower_vietnamese(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp;
  vn::Letter letter;
  return vn::lookup(cp, letter) ? vn::compose(letter.base, letter.tone) : cp;
}

// `text` (UTF-8) with lower_vietnamese applied to each character.
std::string lower_vietnamese(std::string_view text);

}  // namespace tracuu
