// Stage 1, decode_text: any bytes either decode to well-formed UTF-8 (the input itself,
// less a leading byte-order mark) or throw DecodeError at the first ill-formed sequence.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check.h"
#include "text/decode.h"
#include "text/utf8.h"

using tracuu::fuzz::as_text;
using tracuu::fuzz::reference_invalid_utf8;
using tracuu::fuzz::valid_utf8;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = as_text(data, size);
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  const std::size_t bad = reference_invalid_utf8(bytes);
  FUZZ_CHECK(tracuu::find_invalid_utf8(bytes) == bad);
  try {
    const std::string text = tracuu::decode_text(bytes);
    FUZZ_CHECK(bad == std::string_view::npos);
    FUZZ_CHECK(valid_utf8(text));
    FUZZ_CHECK(text == (bytes.starts_with(kBom) ? bytes.substr(kBom.size()) : bytes));
    // Code points read back and written again give the same bytes.
    std::string again;
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t at = pos;
      const char32_t cp = tracuu::next_code_point(text, pos);
      FUZZ_CHECK(pos > at && pos <= text.size());
      FUZZ_CHECK(cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
      tracuu::append_utf8(again, cp);
    }
    FUZZ_CHECK(again == text);
    bool ascii = true;
    for (const char c : text) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    FUZZ_CHECK(tracuu::is_ascii(text) == ascii);
  } catch (const tracuu::DecodeError& e) {
    FUZZ_CHECK(bad != std::string_view::npos);
    FUZZ_CHECK(e.offset() == bad);
    FUZZ_CHECK(e.offset() < bytes.size());
    FUZZ_CHECK(std::string_view(e.what()).find("invalid UTF-8") != std::string_view::npos);
  }
  return 0;
}
