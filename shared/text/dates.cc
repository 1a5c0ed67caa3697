#include "text/dates.h"

#include <array>
#include <initializer_list>
#include <utility>
#include <vector>

#include "text/chars.h"
#include "text/utf8.h"
#include "text/vietnamese.h"
#include "text/word_forms.h"

namespace tracuu {
namespace {

// Lines of the text the report's date is looked for in: the title and three paragraphs.
constexpr std::size_t kOpeningLines = 4;
// The official header comes before the title of the document.
constexpr std::size_t kHeaderLines = 20;

// ---------------------------------------------------------------------------------------
// Characters and words

using text_match::forms_of;
using text_match::matches;
using text_match::WordForms;

struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return begin == end; }
};

// The run of letters (or of digits) that starts at `pos`.
Span word_at(std::string_view text, std::size_t pos) {
  Span s{pos, pos};
  bool digits = false;
  while (s.end < text.size()) {
    std::size_t after = s.end;
    const char32_t cp = next_code_point(text, after);
    if (s.empty()) digits = is_ascii_digit(cp);
    if (digits ? !is_ascii_digit(cp) : !is_letter(cp)) break;
    s.end = after;
  }
  return s;
}

std::size_t skip_spaces(std::string_view text, std::size_t pos) {
  while (pos < text.size()) {
    std::size_t after = pos;
    if (!is_inline_space(next_code_point(text, after))) break;
    pos = after;
  }
  return pos;
}

int number_of(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// Dates

struct Date {
  int day = 0;
  int month = 0;
  int year = 0;  // 0 when not written
};

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

bool is_valid(const Date& d) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > kDays[d.month - 1]) return false;
  if (d.year == 0) return true;
  if (d.year < 1900 || d.year > 2100) return false;
  return d.month != 2 || d.day <= 28 || is_leap(d.year);
}

std::string yyyymmdd(const Date& d) {
  std::string out(8, '0');
  int y = d.year;
  for (std::size_t i = 4; i-- > 0; y /= 10) out[i] = static_cast<char>('0' + y % 10);
  out[4] = static_cast<char>('0' + d.month / 10);
  out[5] = static_cast<char>('0' + d.month % 10);
  out[6] = static_cast<char>('0' + d.day / 10);
  out[7] = static_cast<char>('0' + d.day % 10);
  return out;
}

// Whether a compound goes on at `pos`: a letter or digit, or a connector before one
// ("16/6/2025/QĐ", "16/6-20/6").
bool compound_goes_on(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  std::size_t after = pos;
  const char32_t cp = next_code_point(text, after);
  if (is_letter(cp) || is_ascii_digit(cp)) return true;
  if (cp != '/' && cp != '-' && cp != '.' && cp != ',' && cp != '_' && cp != '&') return false;
  if (after >= text.size()) return false;
  const char32_t next = next_code_point(text, after);
  return is_letter(next) || is_ascii_digit(next);
}

// A date written at `pos` (the first digit of a token): "16/6/2025", "16-6", "16.6.2025",
// "16 tháng 6 năm 2025", "16 tháng 6". Sets `end` past it.
std::optional<Date> date_at(std::string_view text, std::size_t pos, std::size_t& end) {
  const Span d = word_at(text, pos);
  if (d.end - d.begin > 2) return std::nullopt;
  Date date;
  date.day = number_of(text.substr(d.begin, d.end - d.begin));
  std::size_t p = d.end;
  if (p < text.size() && (text[p] == '/' || text[p] == '-' || text[p] == '.')) {
    const char sep = text[p];
    const Span m = word_at(text, p + 1);
    if (m.empty() || !all_digits(text.substr(m.begin, m.end - m.begin)) || m.end - m.begin > 2) {
      return std::nullopt;
    }
    date.month = number_of(text.substr(m.begin, m.end - m.begin));
    p = m.end;
    if (p + 1 < text.size() && text[p] == sep && text[p + 1] >= '0' && text[p + 1] <= '9') {
      const Span y = word_at(text, p + 1);
      if (y.end - y.begin != 4) return std::nullopt;
      date.year = number_of(text.substr(y.begin, y.end - y.begin));
      p = y.end;
    }
    if (compound_goes_on(text, p)) return std::nullopt;
  } else {
    // "16 tháng 6", "16 tháng 6 năm 2025"
    if (compound_goes_on(text, p)) return std::nullopt;
    const Span w = word_at(text, skip_spaces(text, p));
    if (w.empty() || !matches(forms_of(text.substr(w.begin, w.end - w.begin)), "tháng", "thang")) {
      return std::nullopt;
    }
    const Span m = word_at(text, skip_spaces(text, w.end));
    if (m.empty() || m.end - m.begin > 2 || !all_digits(text.substr(m.begin, m.end - m.begin)) ||
        compound_goes_on(text, m.end)) {
      return std::nullopt;
    }
    date.month = number_of(text.substr(m.begin, m.end - m.begin));
    p = m.end;
    const Span n = word_at(text, skip_spaces(text, p));
    if (!n.empty() && matches(forms_of(text.substr(n.begin, n.end - n.begin)), "năm", "nam")) {
      const Span y = word_at(text, skip_spaces(text, n.end));
      if (y.end - y.begin == 4 && all_digits(text.substr(y.begin, y.end - y.begin)) &&
          !compound_goes_on(text, y.end)) {
        date.year = number_of(text.substr(y.begin, y.end - y.begin));
        p = y.end;
      }
    }
  }
  if (!is_valid(date)) return std::nullopt;
  end = p;
  return date;
}

// ---------------------------------------------------------------------------------------
// What introduces a date: "ngày", a time of day, "hôm nay", a weekday

struct Word {
  Span span;
  WordForms forms;
};

// Up to `max` words before `pos`, nearest first, across spaces, commas and an opening
// bracket ("Sáng nay (16/6)", "Chiều thứ Ba, 16/6").
std::vector<Word> words_before(std::string_view text, std::size_t pos, std::size_t max) {
  std::vector<Word> words;
  while (words.size() < max) {
    std::size_t p = pos;
    while (p > 0) {
      std::size_t before = p;
      const char32_t cp = previous_code_point(text, before);
      if (!is_inline_space(cp) && cp != ',' && cp != '(') break;
      p = before;
    }
    Span s{p, p};
    bool digits = false;
    while (s.begin > 0) {
      std::size_t before = s.begin;
      const char32_t cp = previous_code_point(text, before);
      if (s.empty()) digits = is_ascii_digit(cp);
      if (digits ? !is_ascii_digit(cp) : !is_letter(cp)) break;
      s.begin = before;
    }
    if (s.empty()) break;
    words.push_back({s, forms_of(text.substr(s.begin, s.end - s.begin))});
    pos = s.begin;
  }
  return words;
}

struct Introduction {
  bool found = false;
  std::size_t begin = 0;  // where its first word starts
  bool birth = false;     // "sinh ngày 11/9/1976"
};

using Forms = std::initializer_list<std::pair<std::string_view, std::string_view>>;

bool is_any(const WordForms& w, Forms forms) {
  for (const auto& [exact, ascii] : forms) {
    if (matches(w, exact, ascii)) return true;
  }
  return false;
}

Introduction introduction_before(std::string_view text, std::size_t pos) {
  const std::vector<Word> w = words_before(text, pos, 6);
  Introduction intro;
  std::size_t i = 0;
  if (i < w.size() && matches(w[i].forms, "ngày", "ngay")) {
    intro = {true, w[i].span.begin, false};
    ++i;
  }
  if (i < w.size() && matches(w[i].forms, "sinh", "sinh")) {
    intro.birth = true;
    return intro;
  }
  // A weekday: "thứ Ba", "thứ 3", "chủ nhật".
  if (i + 1 < w.size() &&
      ((matches(w[i + 1].forms, "thứ", "thu") &&
        (is_any(w[i].forms, {{"hai", "hai"},
                             {"ba", "ba"},
                             {"tư", "tu"},
                             {"năm", "nam"},
                             {"sáu", "sau"},
                             {"bảy", "bay"}}) ||
         (w[i].forms.lower.size() == 1 && w[i].forms.lower[0] >= '2' &&
          w[i].forms.lower[0] <= '7'))) ||
       (matches(w[i + 1].forms, "chủ", "chu") && matches(w[i].forms, "nhật", "nhat")))) {
    intro = {true, w[i + 1].span.begin, false};
    i += 2;
  }
  std::size_t j = i;
  if (j < w.size() && is_any(w[j].forms, {{"nay", "nay"}, {"qua", "qua"}, {"mai", "mai"}})) ++j;
  if (j < w.size() && is_any(w[j].forms, {{"sáng", "sang"},
                                          {"chiều", "chieu"},
                                          {"trưa", "trua"},
                                          {"tối", "toi"},
                                          {"đêm", "dem"},
                                          {"khuya", "khuya"},
                                          {"hôm", "hom"}})) {
    intro = {true, w[j].span.begin, false};
    if (j + 1 < w.size() && matches(w[j].forms, "sáng", "sang") &&
        matches(w[j + 1].forms, "rạng", "rang")) {
      intro.begin = w[j + 1].span.begin;
    }
  }
  return intro;
}

// ---------------------------------------------------------------------------------------
// Lines

struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;
};

std::vector<Line> lines_of(std::string_view text) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::size_t end = nl;
    if (end > start && text[end - 1] == '\r') --end;
    lines.push_back({start, end});
    if (nl == text.size()) break;
    start = nl + 1;
  }
  return lines;
}

// Where the words of a line start, after a source tag: "(Dân trí) - ", "HÀ NỘI – ".
std::size_t content_start(std::string_view text, const Line& line) {
  std::size_t p = skip_spaces(text, line.begin);
  const std::string_view rest = text.substr(p, line.end - p);
  if (!rest.empty() && rest.front() == '(') {
    const std::size_t close = rest.find(')');
    if (close != std::string_view::npos && close < 60) {
      std::size_t q = skip_spaces(text, p + close + 1);
      if (q < line.end) {
        std::size_t after = q;
        if (is_dash(next_code_point(text, after))) q = after;
      }
      return skip_spaces(text, q);
    }
    return p;
  }
  // "HÀ NỘI - ": a few words without digits or punctuation, then a spaced dash.
  for (std::string_view dash : {" - ", " – ", " — "}) {
    const std::size_t at = rest.find(dash);
    if (at == std::string_view::npos || at > 40) continue;
    const std::string_view tag = rest.substr(0, at);
    bool plain = true;
    std::size_t q = 0;
    while (q < tag.size() && plain) {
      const char32_t cp = next_code_point(tag, q);
      plain = is_letter(cp) || cp == ' ' || cp == '.';
    }
    if (plain) return skip_spaces(text, p + at + dash.size());
  }
  return p;
}

struct Mention {
  Date date;
  std::size_t line = 0;
  bool introduced = false;
  bool opens_line = false;
  bool birth = false;
};

// The dates written in lines [0, max_lines).
std::vector<Mention> mentions_in(std::string_view text, const std::vector<Line>& lines,
                                 std::size_t max_lines) {
  std::vector<Mention> out;
  for (std::size_t li = 0; li < lines.size() && li < max_lines; ++li) {
    const Line& line = lines[li];
    const std::size_t content = content_start(text, line);
    std::size_t pos = line.begin;
    while (pos < line.end) {
      const unsigned char b = static_cast<unsigned char>(text[pos]);
      if (b < '0' || b > '9') {
        ++pos;
        continue;
      }
      // Only numbers that start a token.
      bool joined = false;
      if (pos > line.begin) {
        std::size_t before = pos;
        const char32_t prev = previous_code_point(text, before);
        joined = is_letter(prev);
        if (!joined && (prev == '/' || prev == '-' || prev == '.' || prev == ',') &&
            before > line.begin) {
          std::size_t before2 = before;
          const char32_t prev2 = previous_code_point(text, before2);
          joined = is_letter(prev2) || is_ascii_digit(prev2);
        }
      }
      std::size_t end = pos;
      const std::string_view in_line = text.substr(0, line.end);
      std::optional<Date> date = joined ? std::nullopt : date_at(in_line, pos, end);
      if (!date) {
        while (pos < line.end && text[pos] >= '0' && text[pos] <= '9') ++pos;
        continue;
      }
      const Introduction intro = introduction_before(in_line, pos);
      Mention m;
      m.date = *date;
      m.line = li;
      m.introduced = intro.found;
      m.opens_line = intro.found && intro.begin == content;
      m.birth = intro.birth;
      out.push_back(m);
      pos = end;
    }
  }
  return out;
}

// Adds the years written "năm YYYY" in the text to `years`, leaving out targets, births and
// comparisons ("đến năm 2030", "sinh năm 1976", "cùng kỳ năm 2020", "so với năm 2020",
// "từ năm 2009").
void add_year_words(std::string_view text, std::vector<int>& years) {
  std::size_t pos = 0;
  while ((pos = text.find_first_of("nN", pos)) != std::string_view::npos) {
    const Span w = word_at(text, pos);
    if (w.empty()) {
      ++pos;
      continue;
    }
    pos = w.end;
    if (w.begin > 0 && is_letter(static_cast<unsigned char>(text[w.begin - 1]))) continue;
    if (!matches(forms_of(text.substr(w.begin, w.end - w.begin)), "năm", "nam")) continue;
    const Span y = word_at(text, skip_spaces(text, w.end));
    if (y.end - y.begin != 4 || !all_digits(text.substr(y.begin, y.end - y.begin)) ||
        compound_goes_on(text, y.end)) {
      continue;
    }
    const int year = number_of(text.substr(y.begin, y.end - y.begin));
    if (year < 1900 || year > 2100) continue;
    const std::vector<Word> before = words_before(text, w.begin, 1);
    if (!before.empty() && is_any(before[0].forms, {{"đến", "den"},
                                                    {"tới", "toi"},
                                                    {"sinh", "sinh"},
                                                    {"kỳ", "ky"},
                                                    {"với", "voi"},
                                                    {"từ", "tu"},
                                                    {"trước", "truoc"},
                                                    {"sau", "sau"},
                                                    {"cuối", "cuoi"}})) {
      continue;
    }
    years.push_back(year);
  }
}

// The year the text is about, when it names one only — in its full dates (births aside)
// and its "năm YYYY" — or 0. News cites earlier years freely ("ban hành ngày 16/4/2020",
// "so với năm 2020"), so a text that names several gives no year.
int context_year(std::string_view text, const std::vector<Mention>& mentions) {
  std::vector<int> years;
  for (const Mention& m : mentions) {
    if (m.date.year != 0 && !m.birth) years.push_back(m.date.year);
  }
  add_year_words(text, years);
  if (years.empty()) return 0;
  for (int y : years) {
    if (y != years.front()) return 0;
  }
  return years.front();
}

}  // namespace

std::optional<std::string> official_header_date(std::string_view line) {
  // Trim, and a final period.
  std::size_t begin = skip_spaces(line, 0);
  std::size_t end = line.size();
  for (std::size_t pos = end; pos > begin;) {
    const char32_t cp = previous_code_point(line, pos);
    if (!is_inline_space(cp) && cp != '\r' && cp != '.') break;
    end = pos;
  }
  line = line.substr(0, end);
  // The place: words without digits, up to a comma.
  std::size_t p = begin;
  const std::size_t comma = line.find(',', begin);
  if (comma != std::string_view::npos && comma - begin <= 60) {
    bool place = true;
    for (std::size_t q = begin; q < comma && place; ++q) place = line[q] < '0' || line[q] > '9';
    if (place) p = skip_spaces(line, comma + 1);
  }
  const Span w = word_at(line, p);
  if (w.empty() || !matches(forms_of(line.substr(w.begin, w.end - w.begin)), "ngày", "ngay")) {
    return std::nullopt;
  }
  const std::size_t number = skip_spaces(line, w.end);
  std::size_t date_end = number;
  if (number >= line.size() || line[number] < '0' || line[number] > '9') return std::nullopt;
  const std::optional<Date> date = date_at(line, number, date_end);
  if (!date || date->year == 0 || date_end != line.size()) return std::nullopt;
  return yyyymmdd(*date);
}

std::optional<std::string> date_from_text(std::string_view nfc_text, std::optional<int> year_hint) {
  const std::vector<Line> lines = lines_of(nfc_text);
  for (std::size_t i = 0; i < lines.size() && i < kHeaderLines; ++i) {
    const Line& l = lines[i];
    if (l.end - l.begin > 120) continue;
    if (auto date = official_header_date(nfc_text.substr(l.begin, l.end - l.begin))) return date;
  }

  const std::vector<Mention> mentions = mentions_in(nfc_text, lines, kOpeningLines);
  const Mention* chosen = nullptr;
  for (const Mention& m : mentions) {
    if (m.opens_line) {
      chosen = &m;
      break;
    }
  }
  // Elsewhere, a day written without its year is this year's news ("chiều 16/6"); one with
  // its year is mostly cited ("ban hành ngày 16/4/2020"), so it is left out.
  for (const Mention& m : mentions) {
    if (chosen == nullptr && m.introduced && m.date.year == 0) chosen = &m;
  }
  if (chosen == nullptr) return std::nullopt;

  Date date = chosen->date;
  if (date.year == 0) {
    if (year_hint) {
      date.year = *year_hint;
    } else {
      // The year named in the dateline's own paragraph, if it names one only.
      const Line& l = lines[chosen->line];
      std::vector<Mention> same_line;
      for (const Mention& m : mentions) {
        if (m.line == chosen->line) same_line.push_back(m);
      }
      date.year = context_year(nfc_text.substr(l.begin, l.end - l.begin), same_line);
    }
    if (date.year == 0 || !is_valid(date)) return std::nullopt;
  }
  return yyyymmdd(date);
}

}  // namespace tracuu
