#include "text/refs.h"

#include <array>
#include <cstdint>

#include "text/chars.h"
#include "text/normalize.h"
#include "text/utf8.h"
#include "text/vietnamese.h"
#include "text/word_forms.h"

namespace tracuu {
namespace {

// ---------------------------------------------------------------------------------------
// Characters and words

using text_match::forms_of;
using text_match::matches;
using text_match::WordForms;

// A code ("NĐ", "QĐi", "BGDĐT", "TTg") in ASCII upper case; false when it holds a letter
// that is neither ASCII nor Vietnamese.
bool fold_code(std::string_view code, std::string& out) {
  std::size_t pos = 0;
  while (pos < code.size()) {
    const char32_t cp = next_code_point(code, pos);
    vn::Letter letter;
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp >= 'a' && cp <= 'z' ? cp - ('a' - 'A') : cp));
    } else if (vn::lookup(cp, letter)) {
      const char32_t base = letter.base == U'đ' ? U'd' : vn::strip_quality(letter.base);
      out.push_back(static_cast<char>(base - ('a' - 'A')));
    } else {
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// Kinds

// How much a kind word needs before a bare number counts as a reference.
enum class Strength : std::uint8_t {
  kStrong,       // a capital: "Nghị quyết 60", "Chỉ thị 16", also opening a sentence
  kWeak,         // a capital that does not only open the sentence: "… Quyết định 587"
  kNumberedOnly  // "số" or an official number: "Luật số 100", "Kế hoạch số 60"
};

struct KindWord {
  std::array<std::string_view, 4> exact;  // lower-case syllables, NFC; unused ones empty
  std::array<std::string_view, 4> ascii;
  std::string_view kind;
  Strength strength;
};

constexpr std::array<KindWord, 21> kKindWords = {{
    {{"nghị", "quyết", "liên", "tịch"},
     {"nghi", "quyet", "lien", "tich"},
     "NQLT",
     Strength::kStrong},
    {{"thông", "tư", "liên", "tịch"}, {"thong", "tu", "lien", "tich"}, "TTLT", Strength::kStrong},
    {{"nghị", "quyết"}, {"nghi", "quyet"}, "NQ", Strength::kStrong},
    {{"nghị", "định"}, {"nghi", "dinh"}, "ND", Strength::kStrong},
    {{"chỉ", "thị"}, {"chi", "thi"}, "CT", Strength::kStrong},
    {{"thông", "tư"}, {"thong", "tu"}, "TT", Strength::kStrong},
    {{"pháp", "lệnh"}, {"phap", "lenh"}, "PL", Strength::kStrong},
    {{"kết", "luận"}, {"ket", "luan"}, "KL", Strength::kWeak},
    {{"quy", "định"}, {"quy", "dinh"}, "QDI", Strength::kWeak},
    {{"quyết", "định"}, {"quyet", "dinh"}, "QD", Strength::kWeak},
    {{"hướng", "dẫn"}, {"huong", "dan"}, "HD", Strength::kWeak},
    {{"thông", "báo"}, {"thong", "bao"}, "TB", Strength::kWeak},
    {{"công", "điện"}, {"cong", "dien"}, "CD", Strength::kWeak},
    {{"bộ", "luật"}, {"bo", "luat"}, "LUAT", Strength::kNumberedOnly},
    {{"luật"}, {"luat"}, "LUAT", Strength::kNumberedOnly},
    {{"kế", "hoạch"}, {"ke", "hoach"}, "KH", Strength::kNumberedOnly},
    {{"quy", "chế"}, {"quy", "che"}, "QC", Strength::kNumberedOnly},
    {{"chương", "trình"}, {"chuong", "trinh"}, "CTR", Strength::kNumberedOnly},
    {{"đề", "án"}, {"de", "an"}, "DA", Strength::kNumberedOnly},
    {{"báo", "cáo"}, {"bao", "cao"}, "BC", Strength::kNumberedOnly},
    {{"hiến", "pháp"}, {"hien", "phap"}, "HP", Strength::kNumberedOnly},
}};

std::size_t syllable_count(const KindWord& k) {
  std::size_t n = 0;
  while (n < k.exact.size() && !k.exact[n].empty()) ++n;
  return n;
}

// The kinds a code names: "NQ" in 57-NQ/TW, "NĐ" in 15/2020/NĐ-CP (folded to ASCII).
constexpr std::array<std::string_view, 18> kCodeKinds = {"NQ",  "NQLT", "KL", "CT", "CTR",  "QD",
                                                         "QDI", "QC",   "HD", "TB", "KH",   "DA",
                                                         "BC",  "CD",   "ND", "TT", "TTLT", "PL"};

bool is_code_kind(std::string_view code) {
  for (std::string_view k : kCodeKinds) {
    if (k == code) return true;
  }
  return false;
}

// Kinds a key may start with: the codes, and the two kinds only written as words.
bool is_key_kind(std::string_view folded) {
  return is_code_kind(folded) || folded == "LUAT" || folded == "HP";
}

// ---------------------------------------------------------------------------------------
// Keys

std::string make_key(std::string_view kind, std::string_view number, std::string_view year,
                     std::string_view issuer) {
  while (number.size() > 1 && number.front() == '0') number.remove_prefix(1);
  std::string key(kind);
  key += '-';
  key += number;
  if (!year.empty()) {
    key += '/';
    key += year;
  }
  if (!issuer.empty() && issuer != "TW") {
    key += '/';
    key += issuer;
  }
  return key;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_year(std::string_view s) {
  if (s.size() != 4 || !all_digits(s)) return false;
  const int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  return y >= 1945 && y <= 2100;
}

// A document number: up to 6 digits, not all zeros.
bool is_doc_number(std::string_view s) {
  return all_digits(s) && s.size() <= 6 && s.find_first_not_of('0') != std::string_view::npos;
}

// ---------------------------------------------------------------------------------------
// The compound a number starts: its parts and the connectors between them.

bool is_connector(char32_t cp) {
  return cp == '-' || cp == '/' || cp == '&' || cp == 0x2010 || cp == 0x2011;  // ‐ ‑
}

struct Compound {
  std::vector<std::string_view> parts;
  std::string separators;  // separators[i] joins parts[i] and parts[i + 1]: '-' '/' '&' or '.'
  std::size_t end = 0;
};

Compound read_compound(std::string_view text, std::size_t pos) {
  Compound c;
  for (;;) {
    const std::size_t start = pos;
    while (pos < text.size()) {
      std::size_t after = pos;
      const char32_t cp = next_code_point(text, after);
      if (!is_ascii_digit(cp) && !is_letter(cp)) break;
      pos = after;
    }
    c.parts.push_back(text.substr(start, pos - start));
    c.end = pos;
    if (pos >= text.size()) break;
    std::size_t after = pos;
    const char32_t sep = next_code_point(text, after);
    const bool digit_sep = sep == '.' || sep == ',' || sep == ':';
    if (!is_connector(sep) && !digit_sep) break;
    if (after >= text.size()) break;
    std::size_t after_next = after;
    const char32_t next = next_code_point(text, after_next);
    if (!(is_ascii_digit(next) || (!digit_sep && is_letter(next)))) break;
    c.separators.push_back(sep == '-' || sep == 0x2010 || sep == 0x2011 ? '-'
                           : sep == ','                                 ? '.'
                           : sep == ':'                                 ? '.'
                                                                        : static_cast<char>(sep));
    pos = after;
  }
  return c;
}

// The folded issuer made of parts[first, end) and their separators; "TƯ" reads as TW.
bool fold_issuer(const Compound& c, std::size_t first, std::string& out) {
  for (std::size_t i = first; i < c.parts.size(); ++i) {
    if (i > first) {
      if (c.separators[i - 1] == '.') return false;
      out.push_back(c.separators[i - 1]);
    }
    if (c.parts[i] == "TƯ" || c.parts[i] == "Tư") {
      out += "TW";
    } else if (!fold_code(c.parts[i], out)) {
      return false;
    }
  }
  bool any_letter = false;
  for (char ch : out) any_letter = any_letter || (ch >= 'A' && ch <= 'Z');
  return any_letter;
}

// ---------------------------------------------------------------------------------------
// Words before a number

struct WordSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The word that ends right before `pos` after whitespace (and, when `commas`, commas);
// empty when something else comes first.
WordSpan previous_word(std::string_view text, std::size_t pos, bool commas) {
  std::size_t p = pos;
  while (p > 0) {
    std::size_t before = p;
    const char32_t cp = previous_code_point(text, before);
    if (!is_inline_space(cp) && !(commas && cp == ',')) break;
    p = before;
  }
  const std::size_t end = p;
  while (p > 0) {
    std::size_t before = p;
    if (!is_letter(previous_code_point(text, before))) break;
    p = before;
  }
  return {p, end};
}

// Whether text before `pos` (after whitespace) opens a sentence or a clause: nothing, or
// one of . ! ? … : ; ( " “ ” - – —.
bool opens_sentence(std::string_view text, std::size_t pos) {
  while (pos > 0) {
    std::size_t before = pos;
    const char32_t cp = previous_code_point(text, before);
    if (is_inline_space(cp)) {
      pos = before;
      continue;
    }
    switch (cp) {
      case '.':
      case '!':
      case '?':
      case ':':
      case ';':
      case '(':
      case '"':
      case '\n':
      case '\r':
      case '-':
      case 0x2026:
      case 0x201C:
      case 0x201D:
      case 0x2013:
      case 0x2014:
        return true;
      default:
        return false;
    }
  }
  return true;
}

struct KindMatch {
  const KindWord* word = nullptr;
  std::size_t begin = 0;  // where the kind word starts
};

// The kind word that ends right before `pos`: the longest entry whose syllables are the
// words there, separated by whitespace only.
KindMatch kind_word_before(std::string_view text, std::size_t pos) {
  std::array<WordSpan, 4> spans{};
  std::array<WordForms, 4> forms{};
  std::size_t count = 0;
  std::size_t p = pos;
  while (count < spans.size()) {
    const WordSpan w = previous_word(text, p, false);
    if (w.begin == w.end) break;
    spans[count] = w;
    forms[count] = forms_of(text.substr(w.begin, w.end - w.begin));
    ++count;
    p = w.begin;
  }
  KindMatch best;
  std::size_t best_length = 0;
  for (const KindWord& k : kKindWords) {
    const std::size_t n = syllable_count(k);
    if (n > count || n <= best_length) continue;
    bool ok = true;
    for (std::size_t i = 0; i < n && ok; ++i) {
      // spans[0] is the last syllable.
      ok = matches(forms[i], k.exact[n - 1 - i], k.ascii[n - 1 - i]);
    }
    if (!ok) continue;
    // "pháp luật" (the law in general) is no kind word; "bộ luật" is.
    if (k.kind == "LUAT" && n == 1 && count > 1 && matches(forms[1], "pháp", "phap")) continue;
    best = {&k, spans[n - 1].begin};
    best_length = n;
  }
  return best;
}

// The kind word of an Assembly number: the nearest "luật", "bộ luật", "nghị quyết" or
// "pháp lệnh" among the dozen words before it in the clause ("Bộ luật Hình sự số …",
// "Luật Phòng, chống tham nhũng số …").
std::string_view assembly_kind_before(std::string_view text, std::size_t pos) {
  std::size_t p = pos;
  for (int words = 0; words < 12; ++words) {
    const KindMatch m = kind_word_before(text, p);
    if (m.word != nullptr &&
        (m.word->kind == "LUAT" || m.word->kind == "NQ" || m.word->kind == "PL")) {
      return m.word->kind;
    }
    const WordSpan w = previous_word(text, p, true);
    if (w.begin == w.end) break;
    p = w.begin;
  }
  return {};
}

// What stands right before a number: the kind word, "số" or "số:", "năm" (for Hiến pháp).
struct Lead {
  KindMatch kind;
  bool numbered = false;   // "số" between the kind word and the number
  bool year_word = false;  // "năm" between them
  bool present() const { return kind.word != nullptr; }
};

Lead lead_before(std::string_view text, std::size_t number_start) {
  Lead lead;
  std::size_t p = number_start;
  // "số:" / "Số:"
  {
    std::size_t q = p;
    while (q > 0) {
      std::size_t before = q;
      const char32_t cp = previous_code_point(text, before);
      if (!is_inline_space(cp)) break;
      q = before;
    }
    bool colon = false;
    if (q > 0 && text[q - 1] == ':') {
      colon = true;
      q -= 1;
    }
    const WordSpan w = previous_word(text, q, false);
    if (w.begin < w.end) {
      const WordForms f = forms_of(text.substr(w.begin, w.end - w.begin));
      if (matches(f, "số", "so")) {
        lead.numbered = true;
        p = w.begin;
      } else if (!colon && matches(f, "năm", "nam")) {
        lead.year_word = true;
        p = w.begin;
      } else if (colon) {
        return lead;
      }
    } else if (colon) {
      return lead;
    }
  }
  lead.kind = kind_word_before(text, p);
  return lead;
}

// Whether the kind word before a bare number makes it a reference.
bool bare_number_allowed(std::string_view text, const Lead& lead, bool lenient) {
  if (!lead.present()) return false;
  if (lenient || lead.numbered) return true;
  std::size_t pos = lead.kind.begin;
  const bool capital = is_upper(next_code_point(text, pos));
  switch (lead.kind.word->strength) {
    case Strength::kStrong:
      return capital;
    case Strength::kWeak:
      return capital && !opens_sentence(text, lead.kind.begin);
    case Strength::kNumberedOnly:
      return false;
  }
  return false;
}

// ---------------------------------------------------------------------------------------
// The finder

// The reference made of the compound at [start, c.end), or an empty key.
DocumentRef ref_at(std::string_view text, std::size_t start, const Compound& c, bool lenient) {
  DocumentRef ref;
  ref.begin = start;
  ref.end = c.end;
  const std::vector<std::string_view>& parts = c.parts;
  const std::string& seps = c.separators;
  if (!all_digits(parts[0])) return ref;
  const Lead lead = lead_before(text, start);
  const std::string_view word_kind = lead.present() ? lead.kind.word->kind : std::string_view();
  std::string code;
  if (parts.size() >= 2 && !fold_code(parts[1], code)) return ref;

  if (parts.size() == 1) {
    if (word_kind == "HP") {
      if (is_year(parts[0])) ref.key = make_key("HP", parts[0], {}, {});  // with or without "năm"
    } else if (!lead.year_word && is_doc_number(parts[0]) &&
               bare_number_allowed(text, lead, lenient)) {
      ref.key = make_key(word_kind, parts[0], {}, {});
    }
  } else if (!is_doc_number(parts[0]) || lead.year_word) {
    return ref;
  } else if (seps[0] == '-' && parts.size() >= 3 && (seps[1] == '/' || seps[1] == '-') &&
             is_code_kind(code)) {
    // Party form: 57-NQ/TW, 08-QĐi/TW, 203-TB/TU; also miswritten 29-NQ-TƯ.
    std::string issuer;
    if (!fold_issuer(c, 2, issuer)) return ref;
    // Before 2018 the Party's regulations were numbered QĐ too: "Quy định 205-QĐ/TW".
    const std::string kind = code == "QD" && word_kind == "QDI" ? std::string("QDI") : code;
    ref.key = make_key(kind, parts[0], {}, issuer);
  } else if (seps[0] == '/' && parts.size() >= 3 && is_year(parts[1]) && seps[1] == '/') {
    // State form with a year: 15/2020/NĐ-CP, 100/2015/QH13, 15/2011/PL-UBTVQH12.
    std::string first;
    if (!fold_code(parts[2], first)) return ref;
    std::string_view kind;
    std::size_t issuer_from = 2;
    if (is_code_kind(first) && (parts.size() == 3 || seps[2] == '-')) {
      kind = first;
      issuer_from = 3;
    } else if (!word_kind.empty() && word_kind != "HP") {
      kind = word_kind;
    } else if (const std::string_view before = assembly_kind_before(text, start); !before.empty()) {
      kind = before;
    } else if (first.starts_with("QH")) {
      kind = "LUAT";
    } else if (first.starts_with("UBTVQH")) {
      kind = "NQ";
    } else {
      return ref;
    }
    std::string issuer;
    if (issuer_from < parts.size() && !fold_issuer(c, issuer_from, issuer)) return ref;
    ref.key = make_key(kind, parts[0], parts[1], issuer);
  } else if (seps[0] == '/' && parts.size() >= 3 && seps[1] == '-' && is_code_kind(code)) {
    // State form without a year: 1234/QĐ-TTg, 21/NQ-CP, 60/NQ-TW.
    std::string issuer;
    if (!fold_issuer(c, 2, issuer)) return ref;
    ref.key = make_key(code, parts[0], {}, issuer);
  } else if (parts.size() == 2 && (seps[0] == '/' || seps[0] == '-') && !word_kind.empty() &&
             word_kind != "HP" && bare_number_allowed(text, lead, lenient)) {
    // With the kind word only: Nghị định 137/2015, Thông tư 08-2017, Nghị định 15/CP.
    if (is_year(parts[1])) {
      ref.key = make_key(word_kind, parts[0], parts[1], {});
    } else if (seps[0] == '/' && !code.empty() &&
               code.find_first_of("0123456789") == std::string::npos) {
      ref.key = make_key(word_kind, parts[0], {}, code);
    }
  }
  if (!ref.key.empty() && lead.present()) ref.begin = lead.kind.begin;
  return ref;
}

std::vector<DocumentRef> find_refs_in(std::string_view text, bool lenient) {
  std::vector<DocumentRef> refs;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char b = static_cast<unsigned char>(text[pos]);
    if (b < '0' || b > '9') {
      ++pos;
      continue;
    }
    // A number that starts a token: not after a letter, a digit, or a connector that
    // joins it to one ("QH13", "NQ-15", "Covid-19").
    if (pos > 0) {
      std::size_t before = pos;
      const char32_t prev = previous_code_point(text, before);
      bool joined = is_letter(prev);
      if (!joined && (is_connector(prev) || prev == '.' || prev == ',') && before > 0) {
        std::size_t before2 = before;
        const char32_t prev2 = previous_code_point(text, before2);
        joined = is_letter(prev2) || is_ascii_digit(prev2);
      }
      if (joined) {
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        continue;
      }
    }
    const Compound c = read_compound(text, pos);
    DocumentRef ref = ref_at(text, pos, c, lenient);
    if (!ref.key.empty()) refs.push_back(std::move(ref));
    pos = c.end;
  }
  return refs;
}

// `s` without the white space within a line around it (a no-break space too).
std::string_view trim(std::string_view s) {
  std::size_t begin = 0, end = s.size();
  for (std::size_t pos = begin; pos < end && is_inline_space(next_code_point(s, pos));) begin = pos;
  for (std::size_t pos = end; pos > begin && is_inline_space(previous_code_point(s, pos));)
    end = pos;
  return s.substr(begin, end - begin);
}

// A key as typed: KIND, then '-', ' ' or nothing, the number, and "/…" parts.
std::optional<std::string> parse_key(std::string_view typed) {
  std::size_t pos = 0;
  while (pos < typed.size()) {
    std::size_t after = pos;
    if (!is_letter(next_code_point(typed, after))) break;
    pos = after;
  }
  std::string kind;
  if (pos == 0 || !fold_code(typed.substr(0, pos), kind) || !is_key_kind(kind)) return std::nullopt;
  while (pos < typed.size() && (typed[pos] == '-' || typed[pos] == ' ' || typed[pos] == '_')) ++pos;
  const std::size_t number_start = pos;
  while (pos < typed.size() && typed[pos] >= '0' && typed[pos] <= '9') ++pos;
  const std::string_view number = typed.substr(number_start, pos - number_start);
  if (kind == "HP") {
    if (pos != typed.size() || !is_year(number)) return std::nullopt;
    return make_key(kind, number, {}, {});
  }
  if (!is_doc_number(number)) return std::nullopt;
  std::string_view rest = typed.substr(pos);
  std::string_view year;
  std::string issuer;
  if (!rest.empty()) {
    if (rest.size() < 2 || rest.front() != '/') return std::nullopt;
    rest.remove_prefix(1);
    const std::size_t slash = rest.find('/');
    const std::string_view first = rest.substr(0, slash);
    if (is_year(first)) {
      year = first;
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    if (!rest.empty()) {
      const std::size_t mark = issuer.size();
      if (rest == "TƯ" || rest == "Tư") {
        issuer = "TW";
      } else if (!fold_code(rest, issuer)) {
        return std::nullopt;
      }
      for (std::size_t i = mark; i < issuer.size(); ++i) {
        const char ch = issuer[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '/' ||
              ch == '&')) {
          return std::nullopt;
        }
      }
      // "ND-15/2020/NĐ-CP": the issuer without the kind repeated.
      if (issuer.starts_with(kind + "-")) issuer.erase(0, kind.size() + 1);
      if (issuer.empty()) return std::nullopt;
    }
  }
  return make_key(kind, number, year, issuer);
}

}  // namespace

namespace {

// Each kind: how a reader names it, and its code in a number ("" for numbers without one).
struct KindName {
  std::string_view kind, name, code;
};
constexpr std::array<KindName, 20> kKindNames = {{
    {"NQ", "Nghị quyết", "NQ"},
    {"NQLT", "Nghị quyết liên tịch", "NQLT"},
    {"KL", "Kết luận", "KL"},
    {"CT", "Chỉ thị", "CT"},
    {"QDI", "Quy định", "QĐi"},
    {"QD", "Quyết định", "QĐ"},
    {"ND", "Nghị định", "NĐ"},
    {"TT", "Thông tư", "TT"},
    {"TTLT", "Thông tư liên tịch", "TTLT"},
    {"LUAT", "Luật", ""},
    {"PL", "Pháp lệnh", "PL"},
    {"HP", "Hiến pháp", ""},
    {"HD", "Hướng dẫn", "HD"},
    {"TB", "Thông báo", "TB"},
    {"CD", "Công điện", "CĐ"},
    {"KH", "Kế hoạch", "KH"},
    {"QC", "Quy chế", "QC"},
    {"CTR", "Chương trình", "CTr"},
    {"DA", "Đề án", "ĐA"},
    {"BC", "Báo cáo", "BC"},
}};

// Party issuers write the code before them (57-NQ/TW, 24-NQ/TU, 36-HD/BTCTW); state
// issuers after (16/CT-TTg, 15/2020/NĐ-CP).
bool is_party_issuer(std::string_view issuer) {
  return issuer == "TW" || issuer == "TU" || issuer == "HU" || issuer == "DU" || issuer == "QU" ||
         issuer.ends_with("TW") || issuer.ends_with("TU");
}

}  // namespace

bool is_ref_kind(std::string_view kind) { return is_key_kind(kind); }

std::string ref_kinds() {
  std::string out;
  for (const KindName& n : kKindNames)
    out.append(out.empty() ? "" : ", ").append(n.kind).append(" (").append(n.name).append(")");
  return out;
}

std::string_view ref_kind(std::string_view key) {
  const std::size_t dash = key.find('-');
  if (dash == std::string_view::npos || !is_key_kind(key.substr(0, dash))) return {};
  return key.substr(0, dash);
}

std::string ref_name(std::string_view key) {
  const std::string_view kind = ref_kind(key);
  const KindName* k = nullptr;
  for (const KindName& n : kKindNames) {
    if (n.kind == kind) k = &n;
  }
  if (k == nullptr) return std::string(key);
  // KIND-N, then /YEAR and /ISSUER as the reference gave them.
  std::string_view rest = key.substr(kind.size() + 1);
  const std::string_view number = rest.substr(0, rest.find('/'));
  rest.remove_prefix(std::min(rest.size(), number.size() + 1));
  std::string_view year, issuer = rest;
  if (const std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    year = rest.substr(0, slash);
    issuer = rest.substr(slash + 1);
  } else if (is_year(rest)) {
    year = rest;
    issuer = {};
  }
  std::string shown_issuer(issuer);
  if (shown_issuer == "TTG") shown_issuer = "TTg";  // the Prime Minister, as always written
  std::string name(k->name);
  name += ' ';
  name.append(number);
  if (!year.empty()) name.append("/").append(year);
  if (shown_issuer.empty()) return name;
  if (k->code.empty() || issuer.starts_with("QH") || issuer.starts_with("UBTVQH")) {
    name += '/';  // laws and the Assembly's numbers: 100/2015/QH13
  } else if (year.empty() && is_party_issuer(issuer)) {
    name.append("-").append(k->code).append("/");  // 24-NQ/TU
  } else {
    name.append("/").append(k->code).append("-");  // 16/CT-TTg, 86/2015/NĐ-CP
  }
  return name + shown_issuer;
}

std::vector<DocumentRef> find_refs(std::string_view nfc_text) {
  return find_refs_in(nfc_text, false);
}

std::optional<std::string> normalize_ref(std::string_view typed) {
  const std::string nfc = to_nfc(trim(typed));
  const std::string_view text = trim(nfc);
  if (text.empty()) return std::nullopt;
  if (std::optional<std::string> key = parse_key(text)) return key;
  const std::vector<DocumentRef> refs = find_refs_in(text, true);
  if (refs.size() != 1) return std::nullopt;
  // The reference must be all that was typed, but for punctuation around it.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i >= refs[0].begin && i < refs[0].end) continue;
    const char ch = text[i];
    if ((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
        static_cast<unsigned char>(ch) >= 0x80) {
      return std::nullopt;
    }
  }
  return refs[0].key;
}

}  // namespace tracuu
