// Stage 1 for old files, decode_any: any bytes, detected or in a forced encoding, decode to
// well-formed UTF-8 or throw DecodeError within the input (nothing else); detected, bytes
// with a NUL are refused unless UTF-16 with a byte-order mark, and well-formed non-ASCII
// UTF-8 without one is UTF-8; and text that encode_as() writes in an encoding reads back as
// the same text, up to NFC (TCVN3: capitals with a tone come back lower-case).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "check.h"
#include "text/decode.h"
#include "text/encoding.h"
#include "text/normalize.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace {

using tracuu::Encoding;
using tracuu::fuzz::on_boundary;
using tracuu::fuzz::valid_utf8;

constexpr Encoding kAll[] = {Encoding::kUtf8, Encoding::kWindows1258, Encoding::kTcvn3,
                             Encoding::kVni,  Encoding::kViqr,        Encoding::kUtf16};

// decode_any's contract on any bytes; the text, or nullopt after a DecodeError.
std::optional<tracuu::DecodedText> decode(std::string_view bytes, std::optional<Encoding> forced) {
  try {
    tracuu::DecodedText d = tracuu::decode_any(bytes, forced);
    FUZZ_CHECK(valid_utf8(d.text));
    FUZZ_CHECK(!forced || d.encoding == *forced);
    return d;
  } catch (const tracuu::DecodeError& e) {
    FUZZ_CHECK(e.offset() < bytes.size());
    return std::nullopt;
  }
}

// The text a round trip through `e` gives back (as tests/text/encoding_test.cc has it).
std::string expected_round_trip(std::string_view text, Encoding e) {
  const std::string nfc = tracuu::to_nfc(text);
  if (e != Encoding::kTcvn3) return nfc;
  std::string out;
  for (std::size_t pos = 0; pos < nfc.size();) {
    const char32_t cp = tracuu::next_code_point(nfc, pos);
    tracuu::vn::Letter letter;
    if (tracuu::vn::lookup(cp, letter) && letter.upper && letter.tone != tracuu::vn::Tone::kLevel) {
      tracuu::append_utf8(out, tracuu::vn::compose(letter.base, letter.tone));
    } else {
      tracuu::append_utf8(out, cp);
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = tracuu::fuzz::as_text(data, size);
  const std::optional<tracuu::DecodedText> detected = decode(bytes, std::nullopt);
  for (const Encoding e : kAll) decode(bytes, e);
  const bool utf16 = bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF");
  if (bytes.find('\0') != std::string_view::npos) FUZZ_CHECK(utf16 || !detected);

  if (!valid_utf8(bytes)) return 0;
  const std::string text = tracuu::decode_text(bytes);
  if (!tracuu::is_ascii(text) && text.find('\0') == std::string::npos) {
    FUZZ_CHECK(detected && detected->encoding == Encoding::kUtf8 && detected->text == text);
  }
  for (const Encoding e : kAll) {
    std::string encoded;
    try {
      encoded = tracuu::encode_as(text, e);
    } catch (const tracuu::EncodeError& error) {
      FUZZ_CHECK(error.offset() < text.size() && on_boundary(text, error.offset()));
      continue;
    }
    const std::optional<tracuu::DecodedText> back = decode(encoded, e);
    FUZZ_CHECK(back.has_value());
    // Decoding need not compose (Windows-1258 tones arrive as combining marks).
    FUZZ_CHECK(tracuu::to_nfc(back->text) == expected_round_trip(text, e));
  }
  return 0;
}
