// What the fuzz targets share: invariant checks that stop the run with a message (libFuzzer
// then saves the input as crash-*), and UTF-8 predicates written independently of shared/.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace tracuu::fuzz {

// Aborts with `what` and where, so that libFuzzer records the input as a crash.
[[noreturn]] inline void fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "\n%s:%d: invariant broken: %s\n", file, line, what);
  std::abort();
}

#define FUZZ_CHECK(cond) \
  ((cond) ? static_cast<void>(0) : ::tracuu::fuzz::fail(#cond, __FILE__, __LINE__))

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// True when `offset` does not split a UTF-8 sequence of `text` (the end counts).
inline bool on_boundary(std::string_view text, std::size_t offset) {
  return offset == text.size() ||
         (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80);
}

// The offset of the first ill-formed sequence of `bytes`, or npos: a reference validator
// that decodes each scalar value and checks its range (Unicode 15, table 3-7), unlike
// shared/text/utf8.cc, which checks byte ranges.
inline std::size_t reference_invalid_utf8(std::string_view bytes) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  for (std::size_t i = 0; i < bytes.size();) {
    const unsigned b0 = byte(i);
    std::size_t len;
    std::uint32_t cp, min;
    if (b0 < 0x80) {
      ++i;
      continue;
    } else if ((b0 & 0xE0) == 0xC0) {
      len = 2, cp = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
      len = 3, cp = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
      len = 4, cp = b0 & 0x07, min = 0x10000;
    } else {
      return i;
    }
    if (i + len > bytes.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

inline bool valid_utf8(std::string_view s) {
  return reference_invalid_utf8(s) == std::string_view::npos;
}

}  // namespace tracuu::fuzz
