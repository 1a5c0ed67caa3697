// Stage 1 for old files: the legacy Vietnamese encodings, and telling them apart.
//
// Archives hold text written before Unicode: Windows-1258 (ICU decodes it), TCVN3 (the
// "ABC" fonts, TCVN 5712:1993 VN3), VNI-Windows (base letter + mark bytes) and VIQR
// (RFC 1456, ASCII with the marks typed after the letter: "Vie^.t Nam"). decode_any()
// finds out which one a file uses and returns UTF-8; encode_as() goes the other way, for
// tests and benchmarks.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "text/decode.h"  // DecodeError

namespace tracuu {

// kUtf16: UTF-16 with its byte-order mark (Windows' "Unicode" text), detected only.
enum class Encoding { kUtf8, kWindows1258, kTcvn3, kVni, kViqr, kUtf16 };

// "utf-8", "windows-1258", "tcvn3", "vni", "viqr", "utf-16".
std::string_view encoding_name(Encoding e);

// The encoding a user names, case-insensitively: the names above and the aliases utf8,
// cp1258, windows1258, abc, tcvn, vni-windows. nullopt for anything else.
std::optional<Encoding> parse_encoding_name(std::string_view name);

struct DecodedText {
  std::string text;  // UTF-8 without BOM; not necessarily NFC (cp1258 tones arrive combining)
  Encoding encoding = Encoding::kUtf8;  // the encoding it was read in
};

// Returns `bytes` as UTF-8, read in `forced` or else in the encoding detected:
//  - bytes that start with a UTF-16 byte-order mark (FF FE, FE FF) are UTF-16, read by ICU;
//  - bytes with a NUL (binary, or UTF-16 without a byte-order mark) are refused: no
//    encoding is guessed for them, nor is a U+0000 in UTF-16 text kept;
//  - well-formed UTF-8 with a non-ASCII character is UTF-8;
//  - ASCII is UTF-8 unless it carries strong VIQR evidence: many distinct words that become
//    Vietnamese syllables only when read as VIQR (a rule that English, code and URLs do
//    not pass);
//  - otherwise the legacy encoding (Windows-1258, TCVN3, VNI) whose reading gives the most
//    Vietnamese syllables, if enough of its words are syllables.
// Throws DecodeError (byte offset of the first bad byte) when the bytes are not valid in the
// forced encoding, or are invalid UTF-8 that is recognisably none of the legacy ones.
DecodedText decode_any(std::string_view bytes, std::optional<Encoding> forced = std::nullopt);

// A character encode_as() cannot write in the encoding asked for. offset() is the byte
// offset in the UTF-8 input of the character (or of its base letter, for a sequence).
class EncodeError : public std::invalid_argument {
 public:
  EncodeError(std::size_t offset, char32_t code_point, const std::string& what)
      : std::invalid_argument(what), offset_(offset), code_point_(code_point) {}
  std::size_t offset() const { return offset_; }
  char32_t code_point() const { return code_point_; }

 private:
  std::size_t offset_;
  char32_t code_point_;
};

// `utf8` (any normalization) as bytes in `e` (kUtf16: little-endian, with its byte-order
// mark). Throws EncodeError for a character `e` cannot
// represent (VIQR: also a second tone ending a word, "résumé", which its decoder reads as
// punctuation), and for input that is not well-formed UTF-8. TCVN3 has no capitals with a
// tone (those were drawn with a separate all-capital font): they are written as the
// lower-case letter, so "BÍ THƯ" comes back as "Bí THƯ" — the only case where decoding
// does not give back the input's NFC.
std::string encode_as(std::string_view utf8, Encoding e);

// True when encode_as() accepts code point `cp` (alone) for `e`.
bool can_encode(char32_t cp, Encoding e);

}  // namespace tracuu
