#include "text/fold.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <stdexcept>

#include "text/chars.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace tracuu {
namespace {

// Appends `cp` without its combining marks (canonical decomposition, marks dropped).
void append_without_marks(std::string& out, char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load NFD data");
  icu::UnicodeString decomposed;
  if (!nfd->getDecomposition(static_cast<UChar32>(cp), decomposed)) {
    append_utf8(out, cp);
    return;
  }
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) != U_NON_SPACING_MARK) append_utf8(out, static_cast<char32_t>(c));
  }
}

}  // namespace

std::string fold_diacritics(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  bool after_latin = false;  // the last letter was Latin: a combining mark is its diacritic
  for (std::size_t pos = 0; pos < token.size();) {
    const std::size_t at = pos;
    const char32_t cp = next_code_point(token, pos);
    vn::Letter letter;
    if (cp < 0x80) {
      out.push_back(token[at]);
      after_latin = true;
    } else if (vn::lookup(cp, letter)) {
      out.push_back(static_cast<char>(vn::strip_quality(letter.base)));
      after_latin = true;
    } else if (u_charType(static_cast<UChar32>(cp)) == U_NON_SPACING_MARK) {
      if (!after_latin) out.append(token.substr(at, pos - at));
    } else {
      UErrorCode status = U_ZERO_ERROR;
      after_latin = uscript_getScript(static_cast<UChar32>(cp), &status) == USCRIPT_LATIN;
      if (after_latin) {
        append_without_marks(out, cp);
      } else {
        out.append(token.substr(at, pos - at));  // other scripts keep their marks: й, ガ
      }
    }
  }
  return out;
}

std::string fold_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t at = pos;
    const char32_t cp = next_code_point(text, pos);
    vn::Letter letter;
    if (cp >= 0x80 && vn::lookup(cp, letter)) {
      const char base = static_cast<char>(vn::strip_quality(letter.base));
      out.push_back(letter.upper ? upper_ascii(base) : base);
    } else {
      out.append(text.substr(at, pos - at));
    }
  }
  return out;
}

}  // namespace tracuu
