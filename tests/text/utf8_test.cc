#include "text/utf8.h"

#include <gtest/gtest.h>

namespace tracuu {
namespace {

TEST(Printable, ControlCharactersAndBidiOverridesBecomeOneReplacementEach) {
  const std::string kR = "\xEF\xBF\xBD";  // U+FFFD
  const struct {
    std::string input;
    std::string expected;
  } cases[] = {
      {"Hà Nội, ngày 16/6/2025", "Hà Nội, ngày 16/6/2025"},
      {"Thủ tướng Phạm Minh Chính — “Đ/đ” ½ €", "Thủ tướng Phạm Minh Chính — “Đ/đ” ½ €"},
      {"", ""},
      {"a\x1b[2Jb", "a" + kR + "[2Jb"},                   // clear screen
      {"\x1b]0;title\x07x", kR + "]0;title" + kR + "x"},  // window title, BEL
      {"id\tmore\nline\rx", "id" + kR + "more" + kR + "line" + kR + "x"},
      {std::string("nul\0x", 5), "nul" + kR + "x"},
      {"del\x7f", "del" + kR},
      {"csi\xC2\x9B"
       "31m",
       "csi" + kR + "31m"},           // C1 CSI, U+009B
      {"\xC2\x85next", kR + "next"},  // C1 NEL
      {"ab\xE2\x80\xAE"
       "cd",
       "ab" + kR + "cd"},                                      // U+202E RIGHT-TO-LEFT OVERRIDE
      {"\xE2\x80\xAA\xE2\x81\xA6\xE2\x81\xA9", kR + kR + kR},  // U+202A, U+2066, U+2069
      {"\xE2\x80\x8F"
       "rlm",
       "\xE2\x80\x8F"
       "rlm"},                                       // a mark, not an override: kept
      {"b\xE0i.txt", "b" + kR + "i.txt"},            // not UTF-8 (Windows-1258 à)
      {"\xF0\x9F", kR + kR},                         // cut short
      {"\xC3\xA0\xED\xA0\x80", "à" + kR + kR + kR},  // a surrogate: each byte
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(printable(c.input), c.expected);
    EXPECT_EQ(find_invalid_utf8(printable(c.input)), kValidUtf8);
  }
}

TEST(EscapeInvalidUtf8, BadBytesAreWrittenAsHex) {
  const struct {
    std::string input;
    std::string expected;
  } cases[] = {
      {"bài.txt", "bài.txt"},
      {"b\xE0i.txt", "b\\xE0i.txt"},  // Windows-1258 à
      {"\xFF\xFE", "\\xFF\\xFE"},
      {"\xC3", "\\xC3"},                    // cut short
      {"\xE0\x80\x80", "\\xE0\\x80\\x80"},  // overlong
      {"a\x1b", "a\x1b"},                   // valid: left to printable()
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(escape_invalid_utf8(c.input), c.expected);
  }
}

}  // namespace
}  // namespace tracuu
