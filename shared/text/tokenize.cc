#include "text/tokenize.h"

#include <unicode/uchar.h>

#include "text/chars.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace tracuu {
namespace {

enum class Kind : std::uint8_t { kSeparator, kLetter, kDigit, kMark, kConnector, kDigitConnector };

Kind classify(char32_t cp) {
  if (cp < 0x80) {
    if (is_ascii_letter(static_cast<char>(cp))) return Kind::kLetter;
    if (is_ascii_digit(cp)) return Kind::kDigit;
    switch (cp) {
      case '-':
      case '/':
      case '.':
      case '_':
      case '&':
      case '\'':
        return Kind::kConnector;
      case ',':
      case ':':
        return Kind::kDigitConnector;
      default:
        return Kind::kSeparator;
    }
  }
  // Vietnamese letters, most of what is not ASCII, without asking ICU (they are letters).
  if (vn::Letter letter; vn::lookup(cp, letter)) return Kind::kLetter;
  switch (cp) {
    case 0x2019:
    case 0x2010:
    case 0x2011:  // ’ ‐ ‑
      return Kind::kConnector;
    case 0x2013:  // – en dash, as in 2020–2025
      return Kind::kDigitConnector;
    default:
      break;
  }
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return Kind::kLetter;
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
      return Kind::kDigit;
    case U_NON_SPACING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
      return Kind::kMark;
    default:
      return Kind::kSeparator;
  }
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 6);
  bool in_token = false;
  bool last_is_digit = false;  // the last letter/digit of the current token was a digit
  // A connector seen right after a token, and whether it joins only digits.
  bool pending_connector = false;
  bool connector_needs_digits = false;

  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t at = pos;
    const char32_t cp = next_code_point(text, pos);
    const Kind kind = classify(cp);
    switch (kind) {
      case Kind::kMark:
        // A combining mark belongs to the letter before it; after anything else (an
        // emoji's variation selector, a stray accent) it is not part of a word.
        if (in_token) {
          tokens.back().end = static_cast<std::uint32_t>(pos);
        } else {
          pending_connector = false;
        }
        break;
      case Kind::kLetter:
      case Kind::kDigit: {
        if (in_token) {
          tokens.back().end = static_cast<std::uint32_t>(pos);
        } else {
          Token t;
          t.start = static_cast<std::uint32_t>(at);
          t.end = static_cast<std::uint32_t>(pos);
          t.joined = pending_connector && (!connector_needs_digits || kind == Kind::kDigit);
          tokens.push_back(t);
          in_token = true;
        }
        if (kind == Kind::kLetter) tokens.back().has_letter = true;
        last_is_digit = kind == Kind::kDigit;
        pending_connector = false;
        break;
      }
      case Kind::kConnector:
      case Kind::kDigitConnector:
        if (in_token && (kind == Kind::kConnector || last_is_digit)) {
          pending_connector = true;
          connector_needs_digits = kind == Kind::kDigitConnector;
        } else {
          pending_connector = false;
        }
        in_token = false;
        break;
      case Kind::kSeparator:
        in_token = false;
        pending_connector = false;
        break;
    }
  }
  return tokens;
}

}  // namespace tracuu
