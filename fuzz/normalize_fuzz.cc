// Stage 2, normalization, on well-formed UTF-8 (other input is skipped: decode_text
// refuses it before this stage). Idempotence where it must hold, and canonical
// equivalence: NFD input (as typed on some keyboards) normalizes like NFC input.
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check.h"
#include "text/decode.h"
#include "text/fold.h"
#include "text/normalize.h"
#include "text/tokenize.h"
#include "text/utf8.h"

namespace {

using tracuu::fuzz::valid_utf8;

std::string nfd(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  FUZZ_CHECK(U_SUCCESS(status));
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  n->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())), sink,
                   nullptr, status);
  FUZZ_CHECK(U_SUCCESS(status));
  return out;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < text.size(); ++n) tracuu::next_code_point(text, pos);
  return n;
}

// Latin letters and the combining diacritics: what Vietnamese is written with, composed
// or not. (Elsewhere case folding is not closed under canonical equivalence: U+0345, the
// Greek ypogegrammeni, folds to a starter, ι, so "ᾘ" + U+0618 and its NFD fold
// differently, and so do "c" + U+0345 + U+0323 and its NFD, where the dot below moves
// from ι to c: ICU's NFKC_Casefold itself gives both. Not tracuu's concern; U+0345 is
// left out of the combining marks here. Seed: corpus/normalize/ypogegrammeni.)
bool latin(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t cp = tracuu::next_code_point(text, pos);
    if (cp == 0x345) return false;
    if (!(cp < 0x250 || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1E00 && cp <= 0x1EFF))) {
      return false;
    }
  }
  return true;
}

// normalize_token's contract for one token (or any text).
void check_token(std::string_view token) {
  const std::string t = tracuu::normalize_token(token);
  FUZZ_CHECK(valid_utf8(t));
  FUZZ_CHECK(tracuu::normalize_token(t) == t);
  if (latin(token)) FUZZ_CHECK(tracuu::normalize_token(nfd(token)) == t);
  FUZZ_CHECK(tracuu::canonical_tone_placement(t) == t);
  FUZZ_CHECK(valid_utf8(tracuu::fold_diacritics(t)));
}

void check_tone_placement(std::string_view syllable) {
  const std::string c = tracuu::canonical_tone_placement(syllable);
  FUZZ_CHECK(valid_utf8(c));
  FUZZ_CHECK(tracuu::canonical_tone_placement(c) == c);
  if (c != syllable) {
    // Only a syllable's tone mark moves: the letters and the tone stay.
    FUZZ_CHECK(tracuu::is_syllable(syllable));
    FUZZ_CHECK(tracuu::is_syllable(c));
    FUZZ_CHECK(code_points(c) == code_points(syllable));
    FUZZ_CHECK(tracuu::fold_diacritics(c) == tracuu::fold_diacritics(syllable));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text;
  try {
    text = tracuu::decode_text(tracuu::fuzz::as_text(data, size));
  } catch (const tracuu::DecodeError&) {
    return 0;
  }
  const std::string nfc = tracuu::to_nfc(text);
  FUZZ_CHECK(valid_utf8(nfc));
  FUZZ_CHECK(tracuu::to_nfc(nfc) == nfc);
  FUZZ_CHECK(tracuu::to_nfc(nfd(text)) == nfc);

  if (text.size() <= 64) {
    check_token(text);
    check_tone_placement(text);
  }
  for (const tracuu::Token& t : tracuu::tokenize(nfc)) {
    const std::string_view token = std::string_view(nfc).substr(t.start, t.end - t.start);
    check_token(token);
    check_tone_placement(token);
    check_tone_placement(tracuu::normalize_token(token));
  }
  return 0;
}
