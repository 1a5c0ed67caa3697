#include "text/sentences.h"

#include <unicode/uchar.h>

#include <array>
#include <limits>

#include "text/chars.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tracuu {
namespace {

using Range = std::pair<std::size_t, std::size_t>;

char32_t code_point_at(std::string_view s, std::size_t pos) {
  return pos < s.size() ? next_code_point(s, pos) : 0;
}

// White space, and the zero-width spaces some text puts between sentences as between words.
bool is_space(char32_t cp) { return is_white_space(cp) || is_zero_width_space(cp); }

bool is_terminator(char32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026; }

bool is_closer(char32_t cp) {
  switch (cp) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case 0x201D:
    case 0x2019:
    case 0xBB:
    case 0x203A:  // ” ’ » ›
      return true;
    default:
      return false;
  }
}

bool is_opener(char32_t cp) {
  switch (cp) {
    case '"':
    case '\'':
    case '(':
    case '[':
    case '{':
    case 0x201C:
    case 0x2018:
    case 0xAB:
    case 0x2039:  // “ ‘ « ‹
      return true;
    default:
      return false;
  }
}

// Abbreviations a name or a number follows: their period never ends a sentence.
constexpr std::array<std::string_view, 34> kPrefixAbbreviations = {
    "TS", "PGS", "GS",  "ThS", "Ths", "Th.S", "TSKH", "BS", "BSCKI", "BSCKII", "CKI", "CKII",
    "KS", "KTS", "NCS", "DS",  "LS",  "NSƯT", "NSND", "TP", "Tp",    "TX",     "TT",  "Q",
    "P",  "St",  "Mr",  "Mrs", "Ms",  "Dr",   "Prof", "tr", "Tr",    "No"};

bool is_prefix_abbreviation_part(std::string_view part) {
  for (std::string_view a : kPrefixAbbreviations) {
    if (a == part) return true;
  }
  return false;
}

// "TS", "PGS.TS", "Th.S", "GS.TSKH": the whole word, or each of its dotted parts.
bool is_prefix_abbreviation(std::string_view word) {
  if (is_prefix_abbreviation_part(word)) return true;
  if (word.find('.') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= word.size()) {
    std::size_t dot = word.find('.', start);
    if (dot == std::string_view::npos) dot = word.size();
    if (!is_prefix_abbreviation_part(word.substr(start, dot - start))) return false;
    start = dot + 1;
  }
  return true;
}

bool is_single_letter(std::string_view word, bool upper_only) {
  if (word.empty()) return false;
  std::size_t pos = 0;
  const char32_t cp = next_code_point(word, pos);
  return pos == word.size() && (upper_only ? is_upper(cp) : is_letter(cp));
}

// "N.V.A", "U.S": single capital letters joined by periods.
bool is_dotted_initials(std::string_view word) {
  if (word.find('.') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= word.size()) {
    std::size_t dot = word.find('.', start);
    if (dot == std::string_view::npos) dot = word.size();
    if (!is_single_letter(word.substr(start, dot - start), true)) return false;
    start = dot + 1;
  }
  return true;
}

bool is_roman_numeral(std::string_view word) {
  if (word.empty() || word.size() > 7) return false;
  for (char c : word) {
    if (c != 'I' && c != 'V' && c != 'X' && c != 'L' && c != 'C') return false;
  }
  return true;
}

// What numbers an item or a heading: "1", "2.3", "II", "a", "đ".
bool is_item_marker(std::string_view word) {
  if (is_roman_numeral(word) || is_single_letter(word, false)) return true;
  std::size_t digits = 0;
  for (char c : word) {
    if (c >= '0' && c <= '9') {
      if (++digits > 3) return false;
    } else if (c == '.' && digits > 0) {
      digits = 0;
    } else {
      return false;
    }
  }
  return digits > 0;
}

bool is_heading_word(std::string_view word) {
  const std::string lower = lower_vietnamese(word);
  for (std::string_view h : {"điều", "khoản", "chương", "mục", "phần", "điểm", "tiết", "bài"}) {
    if (lower == h) return true;
  }
  return false;
}

// The word that ends at `end`: back to whitespace or an opening quote or bracket.
std::size_t word_start(std::string_view text, std::size_t floor, std::size_t end) {
  std::size_t pos = end;
  while (pos > floor) {
    std::size_t before = pos;
    const char32_t cp = previous_code_point(text, before);
    if (is_space(cp) || is_opener(cp)) break;
    pos = before;
  }
  return pos;
}

// Position of the first code point at or before `pos`, going back over whitespace, that
// is not whitespace; returns `floor` and sets cp to 0 when there is none.
std::size_t skip_space_back(std::string_view text, std::size_t floor, std::size_t pos,
                            char32_t& cp) {
  while (pos > floor) {
    std::size_t before = pos;
    cp = previous_code_point(text, before);
    if (!is_space(cp)) return before;
    pos = before;
  }
  cp = 0;
  return floor;
}

class SentenceSplitter {
 public:
  explicit SentenceSplitter(std::string_view text) : text_(text) {}

  std::vector<Range> run() {
    std::size_t pos = skip_space(0);
    begin_sentence(pos);
    while (pos < text_.size()) {
      const std::size_t at = pos;
      const char32_t cp = next_code_point(text_, pos);
      if (cp == '\n' || cp == '\r') {
        end_sentence(at);
        pos = skip_space(pos);
        begin_sentence(pos);
      } else if (is_terminator(cp)) {
        std::size_t run_end = pos;
        bool single_period = cp == '.';
        bool closed = false;
        for (;;) {
          std::size_t after = run_end;
          if (after >= text_.size()) break;
          const char32_t next = next_code_point(text_, after);
          if (is_terminator(next)) {
            single_period = false;
          } else if (is_closer(next)) {
            closed = true;
          } else {
            break;
          }
          run_end = after;
        }
        pos = run_end;
        if (run_end >= text_.size() || !is_space(code_point_at(text_, run_end))) continue;
        const std::size_t next = skip_space(run_end);
        if (next >= text_.size()) continue;
        if (ends_sentence(at, cp, single_period && !closed, next)) {
          end_sentence(run_end);
          begin_sentence(next);
          pos = next;
        }
      }
    }
    end_sentence(text_.size());
    return std::move(out_);
  }

 private:
  // Whether a lettered item starts at `pos`: "b) Sơ kết", "đ) …".
  bool opens_lettered_item(std::size_t pos) const {
    if (pos >= text_.size()) return false;
    next_code_point(text_, pos);
    return pos < text_.size() && text_[pos] == ')';
  }

  // Whether a capital letter and its period before `next` are an initial: before a bracket
  // ("Lữ Thị N. (30 tuổi)"), before another initial ("Đặng V. L."), or between a capitalized
  // word and a name that is not a Vietnamese syllable ("Michael B. Jordan", "T. Kubodera";
  // but "Đông Nam Á. Năm 2006", "Serie A. Trận đấu", "Herman J. Hiện nay" end a sentence).
  bool is_initial(std::string_view prev_word, std::size_t next) const {
    const char32_t first = code_point_at(text_, next);
    if (first == '(') return true;
    std::size_t end = next;
    while (end < text_.size()) {
      std::size_t after = end;
      if (!is_letter(next_code_point(text_, after))) break;
      end = after;
    }
    if (end == next) return false;
    const std::string_view next_word = text_.substr(next, end - next);
    if (is_single_letter(next_word, true) && end < text_.size() && text_[end] == '.') return true;
    if (prev_word.empty() || !is_upper(first)) return false;
    std::size_t p = 0;
    return is_upper(next_code_point(prev_word, p)) && !is_syllable(lower_vietnamese(next_word));
  }

  std::size_t skip_space(std::size_t pos) const {
    while (pos < text_.size()) {
      std::size_t after = pos;
      if (!is_space(next_code_point(text_, after))) break;
      pos = after;
    }
    return pos;
  }

  void begin_sentence(std::size_t pos) {
    start_ = pos;
    // Where its first word starts, after opening quotes, brackets and bullet dashes.
    content_start_ = pos;
    while (content_start_ < text_.size()) {
      std::size_t after = content_start_;
      const char32_t cp = next_code_point(text_, after);
      if (!is_opener(cp) && !is_dash(cp) && !is_space(cp)) break;
      content_start_ = after;
    }
  }

  void end_sentence(std::size_t end) {
    while (end > start_) {
      std::size_t before = end;
      if (!is_space(previous_code_point(text_, before))) break;
      end = before;
    }
    if (end > start_) out_.emplace_back(start_, end);
    start_ = end;
  }

  // The terminator `term` at `at` ends its run, which whitespace follows, then `next`.
  bool ends_sentence(std::size_t at, char32_t term, bool bare_period, std::size_t next) const {
    if (at <= content_start_) return false;  // "… và" opening a sentence
    // The first letter after the whitespace and any opening quotes, brackets or dashes.
    const char32_t raw_next = code_point_at(text_, next);
    std::size_t look = next;
    char32_t first = raw_next;
    while (look < text_.size()) {
      std::size_t after = look;
      first = next_code_point(text_, after);
      if (!is_opener(first) && !is_dash(first) && !is_space(first)) break;
      look = after;
    }
    if (is_lower(first) && !opens_lettered_item(look)) return false;

    std::size_t before_term = at;
    const char32_t previous = at > start_ ? previous_code_point(text_, before_term) : 0;
    if ((term == 0x2026 || term == '.') && (previous == '(' || previous == '[')) {
      return false;  // an elision: "(...)", "[…]"
    }
    if (!bare_period) return true;

    const std::size_t w_start = word_start(text_, start_, at);
    const std::string_view word = text_.substr(w_start, at - w_start);
    if (word.empty()) return true;
    if (is_prefix_abbreviation(word)) return false;
    if (is_dotted_initials(word)) {
      // "bà T.V.A. Thời điểm …" ends a sentence; "N.V.A. (SN 1990)" does not.
      return is_upper(raw_next) || (is_opener(raw_next) && raw_next != '(');
    }

    // The character before the word, and the word before it when only whitespace is between.
    char32_t before_word = 0;
    const std::size_t before_word_at = skip_space_back(text_, start_, w_start, before_word);
    std::string_view prev_word;
    std::size_t prev_start = before_word_at;
    if (before_word != 0 && !is_opener(before_word)) {
      std::size_t prev_end = before_word_at;
      next_code_point(text_, prev_end);
      prev_start = word_start(text_, start_, prev_end);
      prev_word = text_.substr(prev_start, prev_end - prev_start);
    }

    if (is_single_letter(word, true) && is_initial(prev_word, next)) return false;
    if (is_item_marker(word)) {
      if (w_start <= content_start_) return false;                 // "1. Báo chí là …"
      if (before_word == ':' || before_word == ';') return false;  // "gồm: 1. …"
      if (!prev_word.empty() && prev_start <= content_start_ && is_heading_word(prev_word)) {
        return false;  // "Điều 1. Phạm vi điều chỉnh"
      }
    }
    return true;
  }

  std::string_view text_;
  std::vector<Range> out_;
  std::size_t start_ = 0;
  std::size_t content_start_ = 0;
};

// Cuts [begin, end) of `text` after each `mark` that whitespace follows.
std::vector<Range> cut_after(std::string_view text, Range range, char mark) {
  std::vector<Range> out;
  std::size_t start = range.first;
  for (std::size_t i = range.first; i + 1 < range.second; ++i) {
    if (text[i] != mark || !is_ascii_inline_space(text[i + 1])) continue;
    out.emplace_back(start, i + 1);
    start = i + 2;
    while (start < range.second && text[start] == ' ') ++start;
    i = start - 1;
  }
  if (start < range.second) out.emplace_back(start, range.second);
  return out;
}

// Whether a character other than a combining mark starts at `pos` (a place to cut a word).
bool starts_character(std::string_view s, std::size_t pos) {
  if ((static_cast<unsigned char>(s[pos]) & 0xC0u) == 0x80u) return false;
  return u_getCombiningClass(static_cast<UChar32>(code_point_at(s, pos))) == 0;
}

// Where a piece of `text` from `start`, of at most `bytes` (less than the text left), ends:
// at the last space that keeps it within `bytes`, else (a run of that many bytes without a
// space) before the last character that fits, never inside a UTF-8 sequence or before a
// combining mark (combining marks only: after the first whole code point past `bytes`).
std::size_t word_cut(std::string_view text, std::size_t start, std::size_t bytes) {
  std::size_t space = start + bytes;
  while (space > start && !is_ascii_inline_space(text[space])) --space;
  if (space > start) return space;
  std::size_t cut = start + bytes;
  while (cut > start && !starts_character(text, cut)) --cut;
  if (cut > start) return cut;
  cut = start + bytes;
  while ((static_cast<unsigned char>(text[cut]) & 0xC0u) == 0x80u) ++cut;
  return cut;
}

std::size_t trim_end(std::string_view text, std::size_t start, std::size_t end) {
  while (end > start && is_ascii_inline_space(text[end - 1])) --end;
  return end;
}

// Cuts [begin, end) of `text` between words (word_cut) into pieces of at most `bytes`.
void cut_between_words(std::string_view text, Range range, std::size_t bytes,
                       std::vector<Range>& out) {
  std::size_t start = range.first;
  while (range.second - start > bytes) {
    const std::size_t cut = word_cut(text, start, bytes);
    out.emplace_back(start, trim_end(text, start, cut));  // start is no space
    start = cut;
    while (start < range.second && is_ascii_inline_space(text[start])) ++start;
  }
  if (start < range.second) out.emplace_back(start, range.second);
}

// The units a passage is made of: sentences, the clauses of a sentence too long to be one
// passage, and pieces between words of a clause longer than the hard limit.
std::vector<Range> passage_units(std::string_view text, std::size_t max_bytes,
                                 std::size_t target_bytes) {
  std::vector<Range> units;
  const std::size_t hard_max = kHardMaxFactor * max_bytes;
  const auto add = [&](Range unit) {
    if (unit.second - unit.first <= hard_max)
      units.push_back(unit);
    else
      cut_between_words(text, unit, target_bytes, units);
  };
  for (const Range& sentence : split_sentences(text)) {
    if (sentence.second - sentence.first <= max_bytes) {
      units.push_back(sentence);
      continue;
    }
    for (const Range& clause : cut_after(text, sentence, ';')) {
      if (clause.second - clause.first <= max_bytes) {
        units.push_back(clause);
      } else {
        for (const Range& part : cut_after(text, clause, ',')) add(part);
      }
    }
  }
  return units;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view paragraph) {
  return SentenceSplitter(paragraph).run();
}

std::string_view first_words(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  return text.substr(0, trim_end(text, 0, word_cut(text, 0, max_bytes)));
}

std::vector<std::string> split_long_paragraph(std::string_view paragraph, std::size_t max_bytes,
                                              std::size_t target_bytes) {
  if (paragraph.size() <= max_bytes) return {std::string(paragraph)};
  const std::vector<Range> units = passage_units(paragraph, max_bytes, target_bytes);
  const std::size_t n = units.size();
  // best[j]: the least cost of cutting units [0, j) into passages; from[j]: where the
  // last of them starts. A passage costs the square of its distance to the target; one
  // above max_bytes is allowed only when it is a single unit.
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  std::vector<double> best(n + 1, kInfinity);
  std::vector<std::size_t> from(n + 1, 0);
  best[0] = 0;
  for (std::size_t j = 1; j <= n; ++j) {
    for (std::size_t i = j; i-- > 0;) {
      const std::size_t length = units[j - 1].second - units[i].first;
      if (length > max_bytes && i + 1 < j) break;
      const double deviation = static_cast<double>(length) - static_cast<double>(target_bytes);
      const double cost = best[i] + deviation * deviation;
      if (cost < best[j]) {
        best[j] = cost;
        from[j] = i;
      }
    }
  }
  std::vector<std::string> passages;
  for (std::size_t j = n; j > 0; j = from[j]) {
    const std::size_t begin = units[from[j]].first;
    passages.emplace_back(paragraph.substr(begin, units[j - 1].second - begin));
  }
  return {passages.rbegin(), passages.rend()};
}

}  // namespace tracuu
