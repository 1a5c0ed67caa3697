#include "text/encoding.h"

#include <fmt/format.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include "text/chars.h"
#include "text/normalize.h"
#include "text/utf8.h"
#include "text/vietnamese.h"

namespace tracuu {
namespace {

using vn::Tone;
constexpr std::size_t kNone = std::string_view::npos;

// ---------------------------------------------------------------------------------------
// Byte tables.

constexpr char32_t kUndefined = 0x110000;  // a byte the encoding leaves unassigned
using ByteTable = std::array<char32_t, 256>;

// Byte → code point as ICU's converter `name` reads it. ICU gives the bytes a code page
// leaves unassigned the C1 control of the same value (IBM's round-trip convention); text
// never holds those, so here they are undefined.
ByteTable icu_byte_table(const char* name) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> conv(ucnv_open(name, &status), ucnv_close);
  if (U_FAILURE(status)) throw std::runtime_error(fmt::format("ICU: no converter for {}", name));
  ByteTable table;
  for (unsigned b = 0; b < 256; ++b) {
    const char in = static_cast<char>(b);
    UChar out[2] = {0, 0};
    status = U_ZERO_ERROR;
    ucnv_reset(conv.get());
    const int32_t n = ucnv_toUChars(conv.get(), out, 2, &in, 1, &status);
    const bool c1 = out[0] >= 0x80 && out[0] < 0xA0;
    table[b] = U_SUCCESS(status) && n == 1 && !c1 ? char32_t{out[0]} : kUndefined;
  }
  return table;
}

// TCVN 5712:1993 VN3 ("TCVN3", the ABC fonts), written from the standard's layout: the five
// toned lower-case letters of each vowel, in its order grave, hook, tilde, acute, dot.
struct TcvnVowel {
  char32_t base;
  std::array<unsigned char, 5> bytes;
};
constexpr TcvnVowel kTcvn3Vowels[] = {
    {U'a', {0xB5, 0xB6, 0xB7, 0xB8, 0xB9}}, {U'ă', {0xBB, 0xBC, 0xBD, 0xBE, 0xC6}},
    {U'â', {0xC7, 0xC8, 0xC9, 0xCA, 0xCB}}, {U'e', {0xCC, 0xCE, 0xCF, 0xD0, 0xD1}},
    {U'ê', {0xD2, 0xD3, 0xD4, 0xD5, 0xD6}}, {U'i', {0xD7, 0xD8, 0xDC, 0xDD, 0xDE}},
    {U'o', {0xDF, 0xE1, 0xE2, 0xE3, 0xE4}}, {U'ô', {0xE5, 0xE6, 0xE7, 0xE8, 0xE9}},
    {U'ơ', {0xEA, 0xEB, 0xEC, 0xED, 0xEE}}, {U'u', {0xEF, 0xF1, 0xF2, 0xF3, 0xF4}},
    {U'ư', {0xF5, 0xF6, 0xF7, 0xF8, 0xF9}}, {U'y', {0xFA, 0xFB, 0xFC, 0xFD, 0xFE}},
};
constexpr Tone kTcvnToneOrder[5] = {Tone::kGrave, Tone::kHook, Tone::kTilde, Tone::kAcute,
                                    Tone::kDot};
// The rest of VN3: the no-break space, the seven capitals it has, their lower-case forms.
constexpr std::pair<unsigned char, char32_t> kTcvn3Letters[] = {
    {0xA0, U'\u00A0'}, {0xA1, U'Ă'}, {0xA2, U'Â'}, {0xA3, U'Ê'}, {0xA4, U'Ô'},
    {0xA5, U'Ơ'},      {0xA6, U'Ư'}, {0xA7, U'Đ'}, {0xA8, U'ă'}, {0xA9, U'â'},
    {0xAA, U'ê'},      {0xAB, U'ô'}, {0xAC, U'ơ'}, {0xAD, U'ư'}, {0xAE, U'đ'},
};
// Where VN3 leaves a byte free, VN2 (its superset in the same standard) puts a combining
// tone or one of 16 capitals with tones. Read, so that VN2 text decodes; never written.
constexpr std::pair<unsigned char, char32_t> kTcvn2Extras[] = {
    {0xAF, U'Ằ'}, {0xB0, 0x0300}, {0xB1, 0x0309}, {0xB2, 0x0303}, {0xB3, 0x0301}, {0xB4, 0x0323},
    {0xBA, U'Ẳ'}, {0xBF, U'Ẵ'},   {0xC0, U'Ắ'},   {0xC1, U'Ầ'},   {0xC2, U'Ẩ'},   {0xC3, U'Ẫ'},
    {0xC4, U'Ấ'}, {0xC5, U'Ề'},   {0xCD, U'Ể'},   {0xD9, U'Ễ'},   {0xDA, U'Ế'},   {0xDB, U'Ồ'},
    {0xE0, U'Ổ'}, {0xF0, U'Ỗ'},   {0xFF, U'Ố'},
};

// VNI-Windows: a vowel is its ASCII letter followed by one mark byte; a few letters are
// bytes of their own. Lower-case bytes below; the capital form of each is 0x20 less, as
// in Latin-1 (ù/Ù), whose glyph shapes the fonts reuse. Indexed by vn::Tone.
constexpr std::array<unsigned char, 6> kVniTone = {0, 0xF8, 0xF9, 0xFB, 0xF5, 0xEF};
constexpr std::array<unsigned char, 6> kVniCircumflex = {0xE2, 0xE0, 0xE1, 0xE5, 0xE3, 0xE4};
constexpr std::array<unsigned char, 6> kVniBreve = {0xEA, 0xE8, 0xE9, 0xFA, 0xFC, 0xEB};
constexpr std::array<unsigned char, 6> kVniI = {'i', 0xEC, 0xED, 0xE6, 0xF3, 0xF2};
constexpr unsigned char kVniYDot = 0xEE;     // ỵ
constexpr unsigned char kVniOHorn = 0xF4;    // ơ, takes tone marks after it
constexpr unsigned char kVniUHorn = 0xF6;    // ư, likewise
constexpr unsigned char kVniDStroke = 0xF1;  // đ

enum class VniRole : std::uint8_t { kOther, kTone, kCircumflex, kBreve, kLetter };
struct VniByte {
  VniRole role = VniRole::kOther;
  Tone tone = Tone::kLevel;
  char32_t letter = 0;  // kLetter: the letter, in the byte's case
};

// Each byte's UTF-8 (empty: undefined).
using Utf8Table = std::array<std::string, 256>;

Utf8Table utf8_table(const ByteTable& table) {
  Utf8Table out;
  for (unsigned b = 0; b < 256; ++b) {
    if (table[b] != kUndefined) append_utf8(out[b], table[b]);
  }
  return out;
}

char32_t vn_upper(char32_t lower) {
  const std::u32string_view lo = vn::all_lower_letters();
  const std::size_t i = lo.find(lower);
  return i == std::u32string_view::npos ? lower : vn::all_upper_letters()[i];
}

struct Tables {
  ByteTable cp1258 = icu_byte_table("windows-1258");
  ByteTable cp1252 = icu_byte_table("windows-1252");
  ByteTable tcvn3{};
  std::array<VniByte, 256> vni{};
  // Code point → byte, for what encode_as writes byte for byte.
  std::unordered_map<char32_t, unsigned char> cp1258_out, tcvn3_out, vni_out;
  // The UTF-8 of each byte of the single-byte encodings, ready to append.
  Utf8Table cp1258_utf8, tcvn3_utf8;

  Tables() {
    // TCVN3: ASCII, Windows-1252's punctuation in 0x80-0x9F (which the ABC fonts keep
    // and the standard leaves unassigned), the standard's letters from 0xA0.
    for (unsigned b = 0; b < 0xA0; ++b) tcvn3[b] = cp1252[b];
    for (unsigned b = 0xA0; b < 256; ++b) tcvn3[b] = kUndefined;
    auto assign = [this](unsigned char b, char32_t cp) {
      if (tcvn3[b] != kUndefined) throw std::logic_error("TCVN3 table: byte assigned twice");
      tcvn3[b] = cp;
    };
    for (const auto& v : kTcvn3Vowels) {
      for (int t = 0; t < 5; ++t) assign(v.bytes[t], vn::compose(v.base, kTcvnToneOrder[t]));
    }
    for (const auto& [b, cp] : kTcvn3Letters) assign(b, cp);
    for (unsigned b = 0x80; b < 256; ++b) {
      if (tcvn3[b] != kUndefined) tcvn3_out.emplace(tcvn3[b], static_cast<unsigned char>(b));
    }
    for (const auto& [b, cp] : kTcvn2Extras) assign(b, cp);

    // VNI.
    auto role = [this](unsigned char lower, VniRole r, Tone t, char32_t letter) {
      for (unsigned char b : {lower, static_cast<unsigned char>(lower - 0x20)}) {
        if (vni[b].role != VniRole::kOther)
          throw std::logic_error("VNI table: byte assigned twice");
        vni[b] = {r, t, b == lower ? letter : vn_upper(letter)};
      }
    };
    for (unsigned t = 0; t < 6; ++t) {
      const Tone tone = static_cast<Tone>(t);
      if (t > 0) role(kVniTone[t], VniRole::kTone, tone, 0);
      role(kVniCircumflex[t], VniRole::kCircumflex, tone, 0);
      role(kVniBreve[t], VniRole::kBreve, tone, 0);
      if (t > 0) role(kVniI[t], VniRole::kLetter, tone, vn::compose(U'i', tone));
    }
    role(kVniYDot, VniRole::kLetter, Tone::kDot, U'ỵ');
    role(kVniOHorn, VniRole::kLetter, Tone::kLevel, U'ơ');
    role(kVniUHorn, VniRole::kLetter, Tone::kLevel, U'ư');
    role(kVniDStroke, VniRole::kLetter, Tone::kLevel, U'đ');

    cp1258_utf8 = utf8_table(cp1258);
    tcvn3_utf8 = utf8_table(tcvn3);
    for (unsigned b = 0x80; b < 256; ++b) {
      const auto byte = static_cast<unsigned char>(b);
      if (cp1258[b] != kUndefined) cp1258_out.emplace(cp1258[b], byte);
      if (vni[b].role == VniRole::kOther && cp1252[b] != kUndefined)
        vni_out.emplace(cp1252[b], byte);
    }
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

const icu::Normalizer2& nfc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load NFC data");
  return *n;
}

const icu::Normalizer2& nfd() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU: cannot load NFD data");
  return *n;
}

// ---------------------------------------------------------------------------------------
// Decoders. Each is strict: the offset of the first byte the encoding leaves undefined
// goes to `bad` (and decoding stops there), else `bad` stays kNone.

std::string decode_single_byte(std::string_view bytes, const Utf8Table& table, std::size_t& bad) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  for (std::size_t i = 0; i < bytes.size();) {
    // ASCII runs are copied whole: most of the text is ASCII letters and spaces.
    std::size_t run = i;
    while (run < bytes.size() && static_cast<unsigned char>(bytes[run]) < 0x80) ++run;
    out.append(bytes.substr(i, run - i));
    if (run == bytes.size()) break;
    const std::string& utf8 = table[static_cast<unsigned char>(bytes[run])];
    if (utf8.empty()) {
      bad = run;
      return out;
    }
    out += utf8;
    i = run + 1;
  }
  return out;
}

bool is_ascii_vowel(char c) {
  switch (c | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return true;
    default:
      return false;
  }
}

// VNI: after a vowel come at most a quality mark (which may carry the tone: ấ is a + one
// byte) and a tone mark. A mark byte with no vowel before it reads as its Latin-1 letter.
std::string decode_vni(std::string_view bytes, std::size_t& bad) {
  const Tables& t = tables();
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2);
  const std::size_t n = bytes.size();
  auto byte_at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  for (std::size_t i = 0; i < n;) {
    const unsigned char b = byte_at(i);
    char32_t base = 0;  // lower case
    bool upper = false;
    if (b < 0x80) {
      if (!is_ascii_vowel(static_cast<char>(b))) {
        out.push_back(static_cast<char>(b));
        ++i;
        continue;
      }
      base = b | 0x20;
      upper = b < 'a';
    } else if (t.vni[b].role == VniRole::kLetter) {
      const char32_t letter = t.vni[b].letter;
      if (letter != U'ơ' && letter != U'ư' && letter != U'Ơ' && letter != U'Ư') {
        append_utf8(out, letter);
        ++i;
        continue;
      }
      upper = letter == U'Ơ' || letter == U'Ư';
      base = upper ? (letter == U'Ơ' ? U'ơ' : U'ư') : letter;
    } else {
      const char32_t cp = t.cp1252[b];
      if (cp == kUndefined) {
        bad = i;
        return out;
      }
      append_utf8(out, cp);
      ++i;
      continue;
    }
    ++i;
    Tone tone = Tone::kLevel;
    if (i < n) {
      const VniByte& m = t.vni[byte_at(i)];
      if (m.role == VniRole::kCircumflex && (base == U'a' || base == U'e' || base == U'o')) {
        base = base == U'a' ? U'â' : base == U'e' ? U'ê' : U'ô';
        tone = m.tone;
        ++i;
      } else if (m.role == VniRole::kBreve && base == U'a') {
        base = U'ă';
        tone = m.tone;
        ++i;
      }
    }
    if (tone == Tone::kLevel && i < n && t.vni[byte_at(i)].role == VniRole::kTone) {
      tone = t.vni[byte_at(i)].tone;
      ++i;
    }
    const char32_t cp = vn::compose(base, tone);
    append_utf8(out, upper ? vn_upper(cp) : cp);
  }
  return out;
}

// VIQR (RFC 1456). After a vowel: a quality mark — a( a^ e^ o^ o+ u+ — then a tone:
// ' ` ? ~ . ; dd, DD and Dd are đ/Đ; a backslash keeps the next mark (or d, or itself)
// literal. One heuristic beyond the RFC, for the sentence punctuation writers did not
// escape: a tone mark that ends a word which already has a tone is punctuation
// ("Xin cha`o." is "Xin chào.", not "chàọ").
constexpr std::string_view kViqrMarks = "^(+'`?~.";

bool is_viqr_mark(char c) { return kViqrMarks.find(c) != std::string_view::npos; }

Tone viqr_tone(char c) {
  switch (c) {
    case '`':
      return Tone::kGrave;
    case '\'':
      return Tone::kAcute;
    case '?':
      return Tone::kHook;
    case '~':
      return Tone::kTilde;
    case '.':
      return Tone::kDot;
    default:
      return Tone::kLevel;
  }
}

char32_t viqr_quality(char32_t base, char mark) {
  switch (mark) {
    case '(':
      return base == U'a' ? U'ă' : 0;
    case '^':
      return base == U'a' ? U'â' : base == U'e' ? U'ê' : base == U'o' ? U'ô' : 0;
    case '+':
      return base == U'o' ? U'ơ' : base == U'u' ? U'ư' : 0;
    default:
      return 0;
  }
}

bool viqr_escapable(char c) { return is_viqr_mark(c) || c == 'd' || c == 'D' || c == '\\'; }

// Whether the word goes on at `i`: a letter, or an escaped d.
bool viqr_letter_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return false;
  if (is_ascii_letter(s[i])) return true;
  return s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'd' || s[i + 1] == 'D');
}

// Any bytes in (non-ASCII ones are copied), UTF-8 out.
std::string decode_viqr(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const std::size_t n = s.size();
  bool word_toned = false;
  for (std::size_t i = 0; i < n;) {
    const char c = s[i];
    if (c == '\\' && i + 1 < n && viqr_escapable(s[i + 1])) {
      out.push_back(s[i + 1]);
      if (s[i + 1] != 'd' && s[i + 1] != 'D') word_toned = false;
      i += 2;
    } else if ((c == 'd' || c == 'D') && i + 1 < n &&
               (s[i + 1] == 'd' ? c == 'd' || c == 'D' : s[i + 1] == 'D' && c == 'D')) {
      append_utf8(out, c == 'D' ? U'Đ' : U'đ');
      i += 2;
    } else if (is_ascii_vowel(c)) {
      char32_t base = static_cast<unsigned char>(c | 0x20);
      const bool upper = c < 'a';
      ++i;
      if (i < n) {
        if (const char32_t q = viqr_quality(base, s[i])) {
          base = q;
          ++i;
        }
      }
      Tone tone = Tone::kLevel;
      if (i < n && viqr_tone(s[i]) != Tone::kLevel && (!word_toned || viqr_letter_at(s, i + 1))) {
        tone = viqr_tone(s[i]);
        word_toned = true;
        ++i;
      }
      const char32_t cp = vn::compose(base, tone);
      if (cp < 0x80)
        out.push_back(c);
      else
        append_utf8(out, upper ? vn_upper(cp) : cp);
    } else {
      if (!is_ascii_letter(c)) word_toned = false;
      out.push_back(c);
      ++i;
    }
  }
  return out;
}

[[noreturn]] void throw_undefined(std::string_view bytes, std::size_t at, Encoding e) {
  throw DecodeError(at, fmt::format("byte 0x{:02X} is not defined in {}",
                                    static_cast<unsigned char>(bytes[at]), encoding_name(e)));
}

[[noreturn]] void throw_invalid_utf8(std::string_view bytes, std::size_t at) {
  throw DecodeError(
      at, fmt::format("invalid UTF-8 (byte 0x{:02X})", static_cast<unsigned char>(bytes[at])));
}

// Strict decoding in a legacy single-byte or VNI encoding; kNone in `bad` on success.
std::string decode_legacy(std::string_view bytes, Encoding e, std::size_t& bad) {
  bad = kNone;
  switch (e) {
    case Encoding::kWindows1258:
      return decode_single_byte(bytes, tables().cp1258_utf8, bad);
    case Encoding::kTcvn3:
      return decode_single_byte(bytes, tables().tcvn3_utf8, bad);
    case Encoding::kVni:
      return decode_vni(bytes, bad);
    default:
      throw std::logic_error("decode_legacy: not a legacy encoding");
  }
}

// UTF-16 after its byte-order mark (FF FE little-endian, FE FF big-endian), by ICU; an
// unpaired surrogate, an odd last byte or a U+0000 throws DecodeError at its byte.
std::string decode_utf16(std::string_view bytes) {
  if (bytes.empty()) return {};
  if (bytes.size() < 2 || (bytes.substr(0, 2) != "\xFF\xFE" && bytes.substr(0, 2) != "\xFE\xFF")) {
    throw DecodeError(0, "UTF-16 without a byte-order mark");
  }
  UErrorCode status = U_ZERO_ERROR;
  const std::unique_ptr<UConverter, void (*)(UConverter*)> converter(
      ucnv_open(bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE", &status), ucnv_close);
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) throw DecodeError(0, "cannot start ICU's UTF-16 converter");
  std::vector<UChar> units(bytes.size() / 2 + 1);
  std::vector<std::int32_t> offsets(units.size());
  const char* source = bytes.data() + 2;
  UChar* target = units.data();
  ucnv_toUnicode(converter.get(), &target, units.data() + units.size(), &source,
                 bytes.data() + bytes.size(), offsets.data(), true, &status);
  if (U_FAILURE(status)) {
    char invalid[8];
    std::int8_t length = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(converter.get(), invalid, &length, &ignored);
    const std::size_t at =
        static_cast<std::size_t>(source - bytes.data()) - static_cast<std::size_t>(length);
    throw DecodeError(at, status == U_TRUNCATED_CHAR_FOUND
                              ? "UTF-16 cut short"
                              : "invalid UTF-16 (an unpaired surrogate)");
  }
  const std::size_t count = static_cast<std::size_t>(target - units.data());
  for (std::size_t i = 0; i < count; ++i) {
    if (units[i] == 0)
      throw DecodeError(2 + static_cast<std::size_t>(offsets[i]), "a NUL character (U+0000)");
  }
  std::string out;
  icu::UnicodeString(false, units.data(), static_cast<std::int32_t>(count)).toUTF8String(out);
  return out;
}

std::string decode_forced(std::string_view bytes, Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return decode_text(bytes);
    case Encoding::kUtf16:
      return decode_utf16(bytes);
    case Encoding::kViqr:
      return decode_viqr(decode_text(bytes));
    default: {
      std::size_t bad = kNone;
      std::string text = decode_legacy(bytes, e, bad);
      if (bad != kNone) throw_undefined(bytes, bad, e);
      return text;
    }
  }
}

// ---------------------------------------------------------------------------------------
// Detection: how Vietnamese a reading looks.

bool is_word_char(char32_t cp) {
  if (cp < 0x80) return is_ascii_letter(static_cast<char>(cp));
  vn::Letter letter;
  if (vn::lookup(cp, letter)) return true;
  const auto c = static_cast<UChar32>(cp);
  if (u_isalpha(c)) return true;
  const auto type = static_cast<UCharCategory>(u_charType(c));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK;
}

// NFC of a word, by table where it is a Vietnamese letter followed by a combining tone
// (Windows-1258 writes ầ as â + U+0300), by ICU otherwise.
std::string compose_tones(std::string_view word) {
  std::string out;
  out.reserve(word.size());
  char32_t pending = 0;  // the last letter, not written yet: a tone may follow
  for (std::size_t pos = 0; pos < word.size();) {
    const char32_t cp = next_code_point(word, pos);
    Tone tone = Tone::kLevel;
    switch (cp) {
      case 0x0300:
        tone = Tone::kGrave;
        break;
      case 0x0301:
        tone = Tone::kAcute;
        break;
      case 0x0309:
        tone = Tone::kHook;
        break;
      case 0x0303:
        tone = Tone::kTilde;
        break;
      case 0x0323:
        tone = Tone::kDot;
        break;
      default:
        break;
    }
    vn::Letter letter;
    if (tone != Tone::kLevel && pending && vn::lookup(pending, letter) &&
        letter.tone == Tone::kLevel && letter.base != U'đ') {
      const char32_t composed = vn::compose(letter.base, tone);
      append_utf8(out, letter.upper ? vn_upper(composed) : composed);
      pending = 0;
      continue;
    }
    if (cp >= 0x300 && cp < 0x370) return to_nfc(word);  // another mark: ICU knows
    if (pending) append_utf8(out, pending);
    pending = cp;
  }
  if (pending) append_utf8(out, pending);
  return out;
}

// is_syllable, with two rules of Vietnamese rhymes it does not check: a nucleus that ends
// in a glide (ao, ai, êu, ươi) takes no final consonant, and a syllable ending in p, t, c
// or ch has the acute or the dot-below tone. Wrong readings make such words (VNI read as
// TCVN3: "dân" → "daõn"; TCVN3 read as Windows-1258: "tốc" → "tèc").
bool is_vietnamese_syllable(std::string_view lower) {
  if (!is_syllable(lower)) return false;
  std::u32string b;
  Tone tone = Tone::kLevel;
  for (std::size_t pos = 0; pos < lower.size();) {
    const char32_t cp = next_code_point(lower, pos);
    vn::Letter letter;
    if (vn::lookup(cp, letter)) {
      b.push_back(letter.base);
      if (letter.tone != Tone::kLevel) tone = letter.tone;
    } else {
      b.push_back(cp);
    }
  }
  const char32_t final_letter = b.back();
  if ((final_letter == U'p' || final_letter == U't' || final_letter == U'c' ||
       (final_letter == U'h' && b.size() >= 2 && b[b.size() - 2] == U'c')) &&
      tone != Tone::kAcute && tone != Tone::kDot) {
    return false;
  }
  std::size_t begin = 0;
  while (begin < b.size() && !vn::is_vowel_base(b[begin])) ++begin;
  // In "qu" and in "gi" before a vowel, the u and the i belong to the onset.
  if (begin > 0 && begin + 1 < b.size() && vn::is_vowel_base(b[begin + 1]) &&
      ((b[begin - 1] == U'q' && b[begin] == U'u') || (b[begin - 1] == U'g' && b[begin] == U'i'))) {
    ++begin;
  }
  std::size_t end = begin;
  while (end < b.size() && vn::is_vowel_base(b[end])) ++end;
  if (end == b.size() || end - begin < 2) return true;  // no final consonant, or one vowel
  const std::u32string_view nucleus(b.data() + begin, end - begin);
  if (nucleus == U"oo" || nucleus == U"uy") return true;  // xoong, huỳnh
  const char32_t last = nucleus.back();
  return last != U'i' && last != U'o' && last != U'u' && last != U'y';
}

// A reading of a word is strong evidence when it has a quality letter (ă â ê ô ơ ư đ) or
// its tone sits inside the word: "việt", "các". A tone on the last letter alone ("họ",
// "sỏ") is what English sentence punctuation gives in VIQR ("no.", "so?").
bool is_strong(std::string_view lower_word) {
  std::size_t letters = 0, toned_at = kNone;
  for (std::size_t pos = 0; pos < lower_word.size();) {
    const char32_t cp = next_code_point(lower_word, pos);
    vn::Letter letter;
    if (vn::lookup(cp, letter)) {
      if (vn::strip_quality(letter.base) != letter.base) return true;
      if (letter.tone != Tone::kLevel) toned_at = letters;
    }
    ++letters;
  }
  return toned_at != kNone && toned_at + 1 < letters;
}

struct WordCounts {
  std::size_t words = 0;         // runs of letters
  std::size_t marked = 0;        // ... with a letter outside ASCII
  std::size_t syllables = 0;     // ... marked, and one Vietnamese syllable once lower-cased
  std::set<std::string> strong;  // distinct syllables that are strong evidence (VIQR only)
};

// Adds the words of `text` to `c`, up to the one that makes kEnoughMarked marked words:
// enough evidence, and a bound on the cost of detection whatever the size of the file. For a VIQR
// reading (`viqr`), a word followed by a mark that could not be placed ("qua^^" → "quâ^",
// the chat smiley) is not counted as a syllable.
constexpr std::size_t kEnoughMarked = 64;

void count_words(std::string_view text, bool viqr, WordCounts& c) {
  std::size_t start = kNone;
  bool marked = false, combining = false;
  auto flush = [&](std::size_t end) {
    if (start == kNone) return;
    ++c.words;
    const bool leftover =
        viqr && end < text.size() && std::string_view("^(+_").find(text[end]) != kNone;
    if (marked) {
      ++c.marked;
      const std::string_view word = text.substr(start, end - start);
      std::string lower = lower_vietnamese(combining ? compose_tones(word) : std::string(word));
      if (!leftover && is_vietnamese_syllable(lower)) {
        ++c.syllables;
        if (viqr && is_strong(lower)) c.strong.insert(std::move(lower));
      }
    }
    start = kNone;
    marked = combining = false;
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t at = pos;
    const char32_t cp = next_code_point(text, pos);
    if (!is_word_char(cp)) {
      flush(at);
      if (c.marked >= kEnoughMarked) return;
      continue;
    }
    if (start == kNone) start = at;
    if (cp >= 0x80) {
      marked = true;
      if (cp >= 0x300 && cp < 0x370) combining = true;
    }
  }
  flush(text.size());
}

// About `size` bytes of `bytes` from `from`, cut at spaces so that no VNI letter or VIQR
// word is split (`from` moves back to the start of its word).
std::string_view chunk_at(std::string_view bytes, std::size_t from, std::size_t size) {
  std::size_t begin = from;
  while (begin > 0 && !is_ascii_space(bytes[begin - 1])) --begin;
  if (bytes.size() - begin <= size) return bytes.substr(begin);
  std::size_t end = begin + size;
  while (end > begin && !is_ascii_space(bytes[end - 1])) --end;
  if (end == begin) end = begin + size;
  return bytes.substr(begin, end - begin);
}

// Counts the words of a reading of `bytes` from `from` on, decoding a few kilobytes at a
// time until count_words has enough or `limit` bytes are read. False when `decode` finds
// an undefined byte.
constexpr std::size_t kChunk = 4096;

template <typename Decode>
bool count_reading(std::string_view bytes, std::size_t from, std::size_t limit, bool viqr,
                   Decode&& decode, WordCounts& c) {
  const std::string_view region = bytes.substr(0, std::min(bytes.size(), from + limit));
  std::size_t pos = from;
  while (pos < region.size() && c.marked < kEnoughMarked) {
    const std::string_view chunk = chunk_at(region, pos, kChunk);
    std::size_t bad = kNone;
    count_words(decode(chunk, bad), viqr, c);
    if (bad != kNone) return false;
    pos = static_cast<std::size_t>(chunk.data() - region.data()) + chunk.size();
  }
  return true;
}

// Invalid UTF-8: read the text from the first bad byte in each legacy encoding and keep
// the reading with the most marked words that are Vietnamese syllables. Real legacy text
// reads as Vietnamese in its own encoding and as mojibake in the others ("Vieät",
// "ViÖt"); accepting needs kMinSyllables such words and kMinShare of the marked words, so
// that Latin-1 French ("café", "crème") or broken UTF-8 stays an error.
constexpr std::size_t kLegacyWindow = 64 * 1024;
constexpr std::size_t kMinSyllables = 2;
constexpr double kMinShare = 0.6;

// Whether most non-ASCII sequences of `s` are not UTF-8. UTF-8 with a few broken bytes
// is an error to report, not Windows-1258 to guess: read so, "Hà Nội" is "HĂ  Ná»™i",
// whose "HĂ" and "Ná" are syllables. Legacy text has almost no well-formed sequences
// (its high bytes are letters next to ASCII letters).
bool mostly_invalid_utf8(std::string_view s) {
  std::size_t valid = 0, invalid = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (i + len <= s.size() && find_invalid_utf8(s.substr(i, len)) == kValidUtf8) {
      ++valid;
      i += len;
    } else {
      ++invalid;
      ++i;
    }
  }
  return invalid > valid;
}

std::optional<Encoding> detect_legacy(std::string_view bytes, std::size_t first_bad) {
  // From the start when the first bad byte is near it (a small file: all of it).
  const std::size_t from = first_bad < kChunk ? 0 : first_bad;
  if (!mostly_invalid_utf8(chunk_at(bytes, from, kLegacyWindow))) return std::nullopt;
  std::optional<Encoding> best;
  WordCounts best_counts;
  for (Encoding e : {Encoding::kWindows1258, Encoding::kTcvn3, Encoding::kVni}) {
    WordCounts c;
    const auto decode = [e](std::string_view chunk, std::size_t& bad) {
      return decode_legacy(chunk, e, bad);
    };
    if (!count_reading(bytes, from, kLegacyWindow, false, decode, c)) continue;
    const bool better = !best || c.syllables > best_counts.syllables ||
                        (c.syllables == best_counts.syllables && c.marked < best_counts.marked);
    if (better) {
      best = e;
      best_counts = std::move(c);
    }
  }
  if (!best || best_counts.syllables < kMinSyllables ||
      static_cast<double>(best_counts.syllables) <
          kMinShare * static_cast<double>(best_counts.marked)) {
    return std::nullopt;
  }
  return best;
}

// ASCII text is VIQR only on strong evidence. English, code and URLs give some readings
// that look Vietnamese ("I'm" → "Ím", "a^n" → "ân", "to." → "tọ"), so the rule asks for
//  - at least kMinStrong distinct words read as syllables that are strong evidence
//    (is_strong: "Vie^.t" → việt, "ca'c" → các); a final tone alone ("no." → nọ) never
//    counts, and "I'm I'm I'm" is one word;
//  - at least 80% of the words that the reading marks to be syllables (English gives
//    "you're" → "yoúre", "sure?" → "surẻ", "add" → "ađ", "e.g." → "ẹg": not syllables);
//  - syllables with marks in at least a fifth of all words (Vietnamese has marks on most
//    of its words, so a few "I'm" in an English novel are far below).
// A cheap scan for candidate cues comes first, so most ASCII files cost one pass.
constexpr std::size_t kMinStrong = 3;
constexpr std::size_t kViqrSample = 256 * 1024;

// Counts (up to `enough`) what strong evidence is made of: a quality mark after its vowel,
// a tone mark between a vowel and a letter, dd/DD/Dd before a vowel.
std::size_t count_viqr_cues(std::string_view s, std::size_t enough) {
  static constexpr auto kInteresting = [] {
    std::array<bool, 256> t{};
    for (char c : std::string_view("^(+'`?~.dD")) t[static_cast<unsigned char>(c)] = true;
    return t;
  }();
  std::size_t cues = 0;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    const char c = s[i];
    if (!kInteresting[static_cast<unsigned char>(c)]) continue;
    const char prev = s[i - 1];
    bool cue;
    if (c == 'd' || c == 'D') {
      cue = (prev == 'd' || prev == 'D') && is_ascii_vowel(s[i + 1]);
    } else if (viqr_tone(c) != Tone::kLevel) {
      cue = is_ascii_vowel(prev) && is_ascii_letter(s[i + 1]);
    } else {
      cue = viqr_quality(static_cast<unsigned char>(prev | 0x20), c) != 0;
    }
    if (cue && ++cues >= enough) break;
  }
  return cues;
}

bool looks_like_viqr(std::string_view ascii) {
  if (count_viqr_cues(ascii, kMinStrong) < kMinStrong) return false;
  WordCounts c;
  const auto decode = [](std::string_view chunk, std::size_t&) { return decode_viqr(chunk); };
  count_reading(ascii, 0, kViqrSample, true, decode, c);
  return c.strong.size() >= kMinStrong && c.syllables * 5 >= c.marked * 4 &&
         c.syllables * 5 >= c.words;
}

std::size_t first_non_ascii(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t chunk;
    std::memcpy(&chunk, p + i, 8);
    if (chunk & 0x8080808080808080ull) break;
  }
  for (; i < n; ++i) {
    if (p[i] >= 0x80) return i;
  }
  return kNone;
}

// ---------------------------------------------------------------------------------------
// Encoders. They see the input as NFC code points, each with the offset it came from.

struct Unit {
  char32_t cp;
  std::size_t offset;
};

std::vector<Unit> nfc_units(std::string_view utf8) {
  if (const std::size_t bad = find_invalid_utf8(utf8); bad != kValidUtf8) {
    throw EncodeError(bad, 0, fmt::format("invalid UTF-8 at byte {}", bad));
  }
  const icu::Normalizer2& n = nfc();
  std::vector<Unit> units;
  units.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(utf8, pos);
    // A combining sequence (a base and what composes with it) is normalized alone, so
    // that every unit knows where in the input it came from.
    std::size_t end = pos;
    while (end < utf8.size() && static_cast<unsigned char>(utf8[end]) >= 0x80) {
      std::size_t next = end;
      if (n.hasBoundaryBefore(static_cast<UChar32>(next_code_point(utf8, next)))) break;
      end = next;
    }
    if (end == pos) {
      units.push_back({cp, start});
      continue;
    }
    const std::string composed = to_nfc(utf8.substr(start, end - start));
    for (std::size_t p = 0; p < composed.size();)
      units.push_back({next_code_point(composed, p), start});
    pos = end;
  }
  return units;
}

// One function per encoding: writes `units` to `out`, or returns the index of the first
// unit it cannot write.
using Encoder = std::size_t (*)(const std::vector<Unit>& units, std::string& out);

bool put_byte(const std::unordered_map<char32_t, unsigned char>& table, char32_t cp,
              std::string& out) {
  const auto it = table.find(cp);
  if (it == table.end()) return false;
  out.push_back(static_cast<char>(it->second));
  return true;
}

// Windows-1258: a letter as one byte where the code page has it (à, â, ơ), else its base
// letter and a combining tone byte (ầ = â + U+0300), else its canonical decomposition.
std::size_t encode_cp1258(const std::vector<Unit>& units, std::string& out) {
  const auto& table = tables().cp1258_out;
  static constexpr char32_t kToneMark[6] = {0, 0x0300, 0x0301, 0x0309, 0x0303, 0x0323};
  for (std::size_t i = 0; i < units.size(); ++i) {
    const char32_t cp = units[i].cp;
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
      continue;
    }
    if (put_byte(table, cp, out)) continue;
    vn::Letter letter;
    if (vn::lookup(cp, letter)) {
      const char32_t base = letter.upper ? vn_upper(letter.base) : letter.base;
      if (base < 0x80)
        out.push_back(static_cast<char>(base));
      else if (!put_byte(table, base, out))
        return i;
      if (letter.tone != Tone::kLevel &&
          !put_byte(table, kToneMark[static_cast<unsigned>(letter.tone)], out)) {
        return i;
      }
      continue;
    }
    // Anything else: its decomposition, composed again as far as the code page goes
    // (ǘ = ü + U+0301).
    icu::UnicodeString parts;
    if (!nfd().getDecomposition(static_cast<UChar32>(cp), parts)) return i;
    auto put = [&](UChar32 c) {
      if (c < 0x80) out.push_back(static_cast<char>(c));
      return c < 0x80 || put_byte(table, static_cast<char32_t>(c), out);
    };
    UChar32 current = parts.char32At(0);
    for (int32_t k = U16_LENGTH(current); k < parts.length();) {
      const UChar32 mark = parts.char32At(k);
      k += U16_LENGTH(mark);
      const UChar32 composed = nfc().composePair(current, mark);
      if (composed >= 0 && table.count(static_cast<char32_t>(composed))) {
        current = composed;
        continue;
      }
      if (!put(current)) return i;
      current = mark;
    }
    if (!put(current)) return i;
  }
  return kNone;
}

// TCVN3: capitals with a tone have no byte; they are written as the lower-case letter,
// as documents in the ABC fonts hold them (the all-capital font draws it as a capital).
std::size_t encode_tcvn3(const std::vector<Unit>& units, std::string& out) {
  const auto& table = tables().tcvn3_out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const char32_t cp = units[i].cp;
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
      continue;
    }
    if (put_byte(table, cp, out)) continue;
    vn::Letter letter;
    if (!vn::lookup(cp, letter) || !letter.upper) return i;
    if (!put_byte(table, vn::compose(letter.base, letter.tone), out)) return i;
  }
  return kNone;
}

std::size_t encode_vni(const std::vector<Unit>& units, std::string& out) {
  const auto& table = tables().vni_out;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const char32_t cp = units[i].cp;
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
      continue;
    }
    vn::Letter letter;
    if (!vn::lookup(cp, letter)) {
      if (!put_byte(table, cp, out)) return i;
      continue;
    }
    const auto t = static_cast<unsigned>(letter.tone);
    const unsigned char shift = letter.upper ? 0x20 : 0;  // capital mark bytes sit 0x20 lower
    auto mark = [&](unsigned char lower) { out.push_back(static_cast<char>(lower - shift)); };
    auto ascii = [&](char c) { out.push_back(letter.upper ? upper_ascii(c) : c); };
    switch (letter.base) {
      case U'đ':
        mark(kVniDStroke);
        break;
      case U'i':
        t == 0 ? ascii('i') : mark(kVniI[t]);
        break;
      case U'â':
        ascii('a');
        mark(kVniCircumflex[t]);
        break;
      case U'ê':
        ascii('e');
        mark(kVniCircumflex[t]);
        break;
      case U'ô':
        ascii('o');
        mark(kVniCircumflex[t]);
        break;
      case U'ă':
        ascii('a');
        mark(kVniBreve[t]);
        break;
      case U'ơ':
        mark(kVniOHorn);
        if (t) mark(kVniTone[t]);
        break;
      case U'ư':
        mark(kVniUHorn);
        if (t) mark(kVniTone[t]);
        break;
      default:  // a e o u y
        if (letter.base == U'y' && letter.tone == Tone::kDot) {
          mark(kVniYDot);
          break;
        }
        ascii(static_cast<char>(letter.base));
        if (t) mark(kVniTone[t]);
    }
  }
  return kNone;
}

bool is_letter_unit(char32_t cp) {
  vn::Letter letter;
  return cp < 0x80 ? is_ascii_letter(static_cast<char>(cp)) : vn::lookup(cp, letter);
}

// VIQR: escapes what decode_viqr would otherwise read as a mark (a mark after a vowel, a
// d before another d, the backslash). A second tone at the end of a word ("résumé")
// cannot be written: the decoder reads it as punctuation.
std::size_t encode_viqr(const std::vector<Unit>& units, std::string& out) {
  static constexpr char kToneChar[6] = {0, '`', '\'', '?', '~', '.'};
  bool after_vowel = false;  // a mark here would be read as the vowel's
  bool after_d = false;      // the last byte is a literal d that a d or đ would pair with
  bool word_toned = false;
  auto escape_previous_d = [&] {
    if (after_d) out.insert(out.size() - 1, 1, '\\');
  };
  for (std::size_t i = 0; i < units.size(); ++i) {
    const char32_t cp = units[i].cp;
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c == 'd' || c == 'D') {
        escape_previous_d();
        out.push_back(c);
        after_d = true;
        after_vowel = false;
        continue;
      }
      if (c == '\\' || (is_viqr_mark(c) && after_vowel)) out.push_back('\\');
      out.push_back(c);
      after_vowel = is_ascii_vowel(c);
      after_d = false;
      if (!is_ascii_letter(c)) word_toned = false;
      continue;
    }
    vn::Letter letter;
    if (!vn::lookup(cp, letter)) return i;
    if (letter.base == U'đ') {
      escape_previous_d();
      out += letter.upper ? "DD" : "dd";
      after_d = after_vowel = false;
      continue;
    }
    const char32_t plain = vn::strip_quality(letter.base);
    out.push_back(letter.upper ? upper_ascii(static_cast<char>(plain)) : static_cast<char>(plain));
    if (plain != letter.base) {
      out.push_back(letter.base == U'ă'                            ? '('
                    : (letter.base == U'ơ' || letter.base == U'ư') ? '+'
                                                                   : '^');
    }
    if (letter.tone != Tone::kLevel) {
      if (word_toned && !(i + 1 < units.size() && is_letter_unit(units[i + 1].cp))) return i;
      out.push_back(kToneChar[static_cast<unsigned>(letter.tone)]);
      word_toned = true;
    }
    after_vowel = true;
    after_d = false;
  }
  return kNone;
}

std::size_t encode_utf8(const std::vector<Unit>& units, std::string& out) {
  for (const Unit& u : units) append_utf8(out, u.cp);
  return kNone;
}

// Little-endian, after its byte-order mark; U+0000 cannot be written (decode_utf16 refuses it).
std::size_t encode_utf16(const std::vector<Unit>& units, std::string& out) {
  out += "\xFF\xFE";
  const auto unit = [&](std::uint32_t u) {
    out.push_back(static_cast<char>(u & 0xFF));
    out.push_back(static_cast<char>(u >> 8));
  };
  for (std::size_t i = 0; i < units.size(); ++i) {
    const std::uint32_t cp = units[i].cp;
    if (cp == 0) return i;
    if (cp < 0x10000) {
      unit(cp);
    } else {
      unit(0xD800 + ((cp - 0x10000) >> 10));
      unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
    }
  }
  return kNone;
}

Encoder encoder_for(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return encode_utf8;
    case Encoding::kWindows1258:
      return encode_cp1258;
    case Encoding::kTcvn3:
      return encode_tcvn3;
    case Encoding::kVni:
      return encode_vni;
    case Encoding::kViqr:
      return encode_viqr;
    case Encoding::kUtf16:
      return encode_utf16;
  }
  throw std::logic_error("encoder_for: unknown encoding");
}

}  // namespace

std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "utf-8";
    case Encoding::kWindows1258:
      return "windows-1258";
    case Encoding::kTcvn3:
      return "tcvn3";
    case Encoding::kVni:
      return "vni";
    case Encoding::kViqr:
      return "viqr";
    case Encoding::kUtf16:
      return "utf-16";
  }
  return "unknown";
}

std::optional<Encoding> parse_encoding_name(std::string_view name) {
  static constexpr std::pair<std::string_view, Encoding> kNames[] = {
      {"utf-8", Encoding::kUtf8},
      {"utf8", Encoding::kUtf8},
      {"windows-1258", Encoding::kWindows1258},
      {"windows1258", Encoding::kWindows1258},
      {"cp1258", Encoding::kWindows1258},
      {"tcvn3", Encoding::kTcvn3},
      {"tcvn", Encoding::kTcvn3},
      {"abc", Encoding::kTcvn3},
      {"vni", Encoding::kVni},
      {"vni-windows", Encoding::kVni},
      {"viqr", Encoding::kViqr},
  };
  for (const auto& [n, e] : kNames) {
    if (equal_ignoring_ascii_case(n, name)) return e;
  }
  return std::nullopt;
}

DecodedText decode_any(std::string_view bytes, std::optional<Encoding> forced) {
  if (forced) return {decode_forced(bytes, *forced), *forced};
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return {decode_utf16(bytes), Encoding::kUtf16};
  }
  if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    throw DecodeError(nul,
                      "a NUL byte: binary data, or UTF-16 without a byte-order mark (no "
                      "encoding is guessed for it)");
  }

  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  const bool bom = bytes.substr(0, kBom.size()) == kBom;
  const std::string_view body = bom ? bytes.substr(kBom.size()) : bytes;
  const std::size_t high = first_non_ascii(body);
  if (high == kNone) {
    if (looks_like_viqr(body)) return {decode_viqr(body), Encoding::kViqr};
    return {std::string(body), Encoding::kUtf8};
  }
  const std::size_t bad = find_invalid_utf8(body.substr(high));
  if (bad == kValidUtf8) return {std::string(body), Encoding::kUtf8};
  const std::size_t offset = bytes.size() - body.size() + high + bad;
  // A byte-order mark says UTF-8: then the bad byte is an error, not a hint.
  if (!bom) {
    if (const std::optional<Encoding> e = detect_legacy(bytes, offset)) {
      return {decode_forced(bytes, *e), *e};
    }
  }
  throw_invalid_utf8(bytes, offset);
}

std::string encode_as(std::string_view utf8, Encoding e) {
  const std::vector<Unit> units = nfc_units(utf8);
  std::string out;
  out.reserve(utf8.size() + 3);
  // Text that starts with U+FEFF would lose it to the byte-order mark a reader strips:
  // a byte-order mark goes first, so the character comes back (found by the fuzzer).
  if (e == Encoding::kUtf8 && !units.empty() && units[0].cp == 0xFEFF) out += "\xEF\xBB\xBF";
  const std::size_t failed = encoder_for(e)(units, out);
  if (failed != kNone) {
    const Unit& u = units[failed];
    throw EncodeError(u.offset, u.cp,
                      fmt::format("U+{:04X} at byte {} cannot be written in {}",
                                  static_cast<std::uint32_t>(u.cp), u.offset, encoding_name(e)));
  }
  return out;
}

bool can_encode(char32_t cp, Encoding e) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp < 0xE000)) return false;
  const std::vector<Unit> units = {{cp, 0}};
  std::string out;
  return encoder_for(e)(units, out) == kNone;
}

}  // namespace tracuu
