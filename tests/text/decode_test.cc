// Stage 1: bytes → UTF-8 text. Valid input passes through (minus a leading BOM); invalid
// input throws DecodeError carrying the byte offset of the first bad byte.
#include "text/decode.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tracuu {
namespace {

using namespace std::string_view_literals;

struct ValidCase {
  std::string_view name;
  std::string_view input;
  std::string_view expected;
};

TEST(DecodeText, ValidInputPassesThrough) {
  const ValidCase cases[] = {
      {"empty", "", ""},
      {"ascii", "Nghi quyet 60-NQ/TW", "Nghi quyet 60-NQ/TW"},
      {"vietnamese", "Nghị quyết số 60-NQ/TW của Bộ Chính trị",
       "Nghị quyết số 60-NQ/TW của Bộ Chính trị"},
      {"capitals and đ", "ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"},
      {"decomposed (NFD) stays decomposed", "Khuye\u0302\u0301t", "Khuye\u0302\u0301t"},
      {"embedded NUL", "a\0b"sv, "a\0b"sv},
      {"4-byte emoji", "Hà Nội 😀", "Hà Nội 😀"},
      {"CJK and Cyrillic", "北京 Москва", "北京 Москва"},
      // Boundaries of the well-formed ranges.
      {"U+0080", "\xC2\x80", "\xC2\x80"},
      {"U+07FF", "\xDF\xBF", "\xDF\xBF"},
      {"U+0800", "\xE0\xA0\x80", "\xE0\xA0\x80"},
      {"U+D7FF, last before the surrogates", "\xED\x9F\xBF", "\xED\x9F\xBF"},
      {"U+E000, first after the surrogates", "\xEE\x80\x80", "\xEE\x80\x80"},
      {"U+FFFF (noncharacter, still well-formed)", "\xEF\xBF\xBF", "\xEF\xBF\xBF"},
      {"U+10000", "\xF0\x90\x80\x80", "\xF0\x90\x80\x80"},
      {"U+10FFFF", "\xF4\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF"},
      // Byte-order mark: only a leading one is dropped.
      {"BOM stripped", "\xEF\xBB\xBFHà Nội", "Hà Nội"},
      {"BOM only", "\xEF\xBB\xBF", ""},
      {"BOM not at the start is kept", "Hà\xEF\xBB\xBFNội", "Hà\xEF\xBB\xBFNội"},
  };
  for (const ValidCase& c : cases) {
    SCOPED_TRACE(c.name);
    std::string decoded;
    ASSERT_NO_THROW(decoded = decode_text(c.input));
    EXPECT_EQ(decoded, c.expected);
  }
}

// The bad bytes sit between `before` and `after`, so the expected offset is before.size()
// and every case states exactly which byte is to blame.
struct InvalidCase {
  std::string_view name;
  std::string_view before;
  std::string_view bad;
  std::string_view after;
  std::size_t expected_offset;
};

TEST(DecodeText, InvalidInputThrowsWithOffsetOfFirstBadByte) {
  const InvalidCase cases[] = {
      // Lone continuation bytes.
      {"lone continuation at start", "", "\x80", "abc", 0},
      {"lone continuation after ascii", "abc", "\xBF", "", 3},
      {"lone continuation after Vietnamese", "Việt", "\x80", " Nam", 6},
      {"extra continuation after a complete letter", "Vi\xE1\xBB\x87", "\x87", "t", 5},
      // Truncated sequences.
      {"2-byte lead at end", "abc", "\xC3", "", 3},
      {"3-byte sequence cut at end", "Vi", "\xE1\xBB", "", 2},
      {"4-byte sequence cut at end", "Hà Nội ", "\xF0\x9F\x98", "", 10},
      {"3-byte sequence cut by ascii", "Vi", "\xE1\xBB", "t Nam", 2},
      {"2-byte lead followed by space", "", "\xC3", " ", 0},
      // Overlong encodings.
      {"overlong '/' C0 AF", "a", "\xC0\xAF", "", 1},
      {"overlong C1 BF", "", "\xC1\xBF", "", 0},
      {"overlong '/' E0 80 AF", "ab", "\xE0\x80\xAF", "", 2},
      {"overlong U+07FF E0 9F BF", "", "\xE0\x9F\xBF", "", 0},
      {"overlong '/' F0 80 80 AF", "Đ", "\xF0\x80\x80\xAF", "", 2},
      // UTF-16 surrogates.
      {"surrogate ED A0 80 (U+D800)", "x", "\xED\xA0\x80", "y", 1},
      {"surrogate ED BF BF (U+DFFF)", "", "\xED\xBF\xBF", "", 0},
      // Above U+10FFFF.
      {"F4 90 80 80 (U+110000)", "", "\xF4\x90\x80\x80", "", 0},
      {"F5 lead byte", "số ", "\xF5\x80\x80\x80", "", 5},
      // Bytes that never appear in UTF-8.
      {"byte FF", "Hà Nội", "\xFF", "", 9},
      {"byte FE", "", "\xFE", "", 0},
      // Windows-1258 / Latin-1 text mistaken for UTF-8: 'é' as a single byte E9.
      {"latin-1 é", "caf", "\xE9", " ngon", 3},
      // The ASCII fast path skips 8 bytes at a time: an error just after it.
      {"after 16 ascii bytes", "0123456789abcdef", "\x80", "", 16},
      {"after 7 ascii bytes", "0123456", "\x80", "01234567", 7},
      // The offset counts a leading BOM: it is an offset in the input bytes.
      {"after a BOM", "\xEF\xBB\xBF", "\xFF", "", 3},
      {"truncated BOM", "", "\xEF\xBB", "", 0},
      // Only the first error is reported.
      {"first of two errors", "a", "\xFF", "b\xFF", 1},
  };
  for (const InvalidCase& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_EQ(c.before.size(), c.expected_offset) << "table error";
    std::string input(c.before);
    input += c.bad;
    input += c.after;
    try {
      const std::string decoded = decode_text(input);
      ADD_FAILURE() << "no DecodeError; decoded " << decoded.size() << " bytes";
    } catch (const DecodeError& e) {
      EXPECT_EQ(e.offset(), c.expected_offset) << e.what();
    }
  }
}

TEST(DecodeText, DecodeErrorIsARuntimeError) {
  try {
    decode_text("\xFF");
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string_view(e.what()), "");
  }
}

}  // namespace
}  // namespace tracuu
