// UTF-8 helpers: validation with byte offsets, code point iteration, encoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace tracuu {

inline constexpr std::size_t kValidUtf8 = std::string_view::npos;

// Returns the byte offset of the first byte that does not start or continue a well-formed
// UTF-8 sequence (overlong forms, surrogates and values above U+10FFFF are ill-formed),
// or kValidUtf8 when every byte is valid.
std::size_t find_invalid_utf8(std::string_view bytes);

// Decodes the code point starting at `pos` in valid UTF-8 and advances `pos` past it.
inline char32_t next_code_point(std::string_view s, std::size_t& pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  auto cont = [&](std::size_t i) { return static_cast<unsigned char>(s[pos + i]) & 0x3Fu; };
  char32_t cp;
  if (b0 < 0xE0) {
    cp = ((b0 & 0x1Fu) << 6) | cont(1);
    pos += 2;
  } else if (b0 < 0xF0) {
    cp = ((b0 & 0x0Fu) << 12) | (cont(1) << 6) | cont(2);
    pos += 3;
  } else {
    cp = ((b0 & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
    pos += 4;
  }
  return cp;
}

// Decodes the code point that ends at `pos` (> 0) in valid UTF-8 and moves `pos` back to
// its start.
inline char32_t previous_code_point(std::string_view s, std::size_t& pos) {
  std::size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0u) == 0x80u) --start;
  std::size_t at = start;
  const char32_t cp = next_code_point(s, at);
  pos = start;
  return cp;
}

// Appends the UTF-8 encoding of `cp` (a valid scalar value) to `out`.
void append_utf8(std::string& out, char32_t cp);

bool is_ascii(std::string_view s);

// `s` with each byte of an ill-formed UTF-8 sequence written as `\xNN` (two upper-case hex
// digits): valid UTF-8 that still tells such names apart (a file name from an old archive
// in Windows-1258, "b\xE0i.txt").
std::string escape_invalid_utf8(std::string_view s);

// `s` safe to show on a terminal, one line: every control character (C0 with tab and line
// breaks, DEL, C1), bidi embedding, override and isolate (U+202A–U+202E, U+2066–U+2069),
// and every byte of an ill-formed UTF-8 sequence becomes U+FFFD, one for one; the rest is
// unchanged. Text from an index or a file name then cannot move the cursor, retitle the
// window, reorder what is shown, or break a one-line-per-record output.
std::string printable(std::string_view s);

}  // namespace tracuu
