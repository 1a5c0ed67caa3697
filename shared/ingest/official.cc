#include "ingest/official.h"

#include <algorithm>
#include <array>

#include "ingest/report.h"
#include "text/chars.h"
#include "text/dates.h"
#include "text/fold.h"
#include "text/normalize.h"

namespace tracuu {
namespace {

// The line without diacritics, in ASCII capitals where it was Vietnamese: what the
// layout rules compare with, so that "CỘNG HOÀ" and "Cộng hòa" look alike.
std::string shape(std::string_view line) { return upper_ascii(fold_text(line)); }

bool has_lower_letter(std::string_view folded) {
  return std::any_of(folded.begin(), folded.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool has_upper_letter(std::string_view folded) {
  return std::any_of(folded.begin(), folded.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Written in capitals: letters, none of them lower case ("LUẬT", "BỘ LUẬT DÂN SỰ").
bool is_capitals(std::string_view line) {
  const std::string folded = fold_text(line);
  return has_upper_letter(folded) && !has_lower_letter(folded);
}

// "--------", "********", "___": the rules under the issuer and the motto.
bool is_separator(std::string_view line) {
  return !line.empty() && line.find_first_not_of("-*_=~. ") == std::string_view::npos;
}

bool starts_with_word(std::string_view s, std::string_view word) {
  return s.starts_with(word) && (s.size() == word.size() || s[word.size()] == ' ' ||
                                 s[word.size()] == ':' || s[word.size()] == '.');
}

bool is_national_title(std::string_view shaped) {
  return shaped.starts_with("CONG HOA XA HOI CHU NGHIA VIET NAM") ||
         shaped.starts_with("DANG CONG SAN VIET NAM");
}

// "Số: 100/2015/QH13", "Luật số: 103/2016/QH13", "Số 15-NQ/TW" → the number without
// spaces ("77/2006/QH 11" → "77/2006/QH11"); "" for other lines.
std::string number_of(std::string_view line) {
  const std::string shaped = shape(line);
  // The folded line keeps the byte length of ASCII parts only, so find "SO" by words.
  std::size_t at = std::string::npos;
  if (starts_with_word(shaped, "SO")) {
    at = 0;
  } else {
    // A kind before "số": at most three words ("Luật số:", "Nghị quyết số").
    std::size_t words = 0;
    for (std::size_t i = 0; i + 3 < shaped.size(); ++i) {
      if (shaped[i] == ' ') {
        ++words;
        if (words > 3) break;
        if (starts_with_word(std::string_view(shaped).substr(i + 1), "SO")) {
          at = i + 1;
          break;
        }
      }
    }
  }
  if (at == std::string::npos) return {};
  // Count the words before "số" in the original line and skip as many, then "số" itself.
  std::size_t words_before = static_cast<std::size_t>(
      std::count(shaped.begin(), shaped.begin() + static_cast<std::ptrdiff_t>(at), ' '));
  std::size_t pos = 0;
  for (std::size_t w = 0; w <= words_before; ++w) {  // past the kind words and "Số"
    pos = line.find_first_of(" :", pos);
    if (pos == std::string_view::npos) return {};
    if (w < words_before) pos = line.find_first_not_of(' ', pos);
  }
  std::string_view rest = line.substr(pos);
  const auto start = rest.find_first_not_of(" :");
  if (start == std::string_view::npos) return {};
  rest.remove_prefix(start);
  std::string number;
  for (char c : rest) {
    if (c != ' ') number += c;
  }
  // A number has a digit; "Số: …" lines in prose are not headers.
  if (number.size() > 40 ||
      std::none_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return {};
  }
  return number;
}

// The kinds of document whose title starts the document proper.
bool is_kind_line(std::string_view shaped) {
  static constexpr std::array<std::string_view, 23> kKinds = {
      "LUAT",       "BO LUAT", "HIEN PHAP",    "PHAP LENH", "NGHI QUYET", "NGHI DINH",
      "QUYET DINH", "CHI THI", "KET LUAN",     "QUY DINH",  "THONG TU",   "BAO CAO",
      "THONG BAO",  "LENH",    "CHUONG TRINH", "KE HOACH",  "HUONG DAN",  "TO TRINH",
      "CONG VAN",   "DE AN",   "DIEU LE",      "QUY CHE",   "TUYEN BO"};
  return std::any_of(kKinds.begin(), kKinds.end(),
                     [&](std::string_view k) { return starts_with_word(shaped, k); });
}

// Lines that end a title run even in capitals: the preamble and the first division.
bool ends_title(std::string_view line) {
  const std::string shaped = shape(line);
  return starts_with_word(shaped, "LOI NOI DAU") || starts_with_word(shaped, "LOI MO DAU") ||
         is_division_heading(line) || !article_heading(line).empty();
}

}  // namespace

std::string article_heading(std::string_view line) {
  const std::string shaped = shape(line);
  if (!starts_with_word(shaped, "DIEU")) return {};
  // "Điều" is 6 bytes in NFC ("ĐIỀU" 8, "Dieu" 4): step over the first word in the line.
  std::size_t pos = line.find(' ');
  if (pos == std::string_view::npos) return {};
  while (pos < line.size() && line[pos] == ' ') ++pos;
  std::size_t end = pos;
  while (end < line.size() && line[end] >= '0' && line[end] <= '9') ++end;
  if (end == pos || end - pos > 4) return {};
  std::string number(line.substr(pos, end - pos));
  // One letter after the number: "Điều 5a." (articles inserted by an amendment).
  if (end < line.size() && line[end] >= 'a' && line[end] <= 'z' &&
      (end + 1 == line.size() || line[end + 1] == '.' || line[end + 1] == ':' ||
       line[end + 1] == ' ')) {
    number += line[end++];
  }
  // What follows the number: the end, "." or ":" — not "của Hiến pháp", "và Điều 5".
  if (end == line.size() || line[end] == '.' || line[end] == ':') {
    while (number.size() > 1 && number[0] == '0' && number[1] >= '0' && number[1] <= '9') {
      number.erase(0, 1);
    }
    return number;
  }
  return {};
}

bool is_division_heading(std::string_view line) {
  const std::string shaped = shape(line);
  for (std::string_view word : {"CHUONG", "MUC", "PHAN"}) {
    if (!starts_with_word(shaped, word) || shaped.size() == word.size()) continue;
    std::string_view rest = std::string_view(shaped).substr(word.size() + 1);
    rest.remove_prefix(std::min(rest.find_first_not_of(' '), rest.size()));
    if (rest.empty()) continue;
    // A numeral (1, 12, I, IV, X) or "thứ nhất".
    const std::size_t token_end = std::min(rest.find_first_of(" .:"), rest.size());
    const std::string_view token = rest.substr(0, token_end);
    const bool arabic =
        std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
    const bool roman = std::all_of(token.begin(), token.end(), [](char c) {
      return c == 'I' || c == 'V' || c == 'X' || c == 'L';
    });
    if (!token.empty() && (arabic || roman)) {
      // "Mục 1 của Chương này…" is prose; a heading stops after the numeral or goes on
      // with ".", ":" or a capitalised name.
      if (token_end == rest.size() || rest[token_end] == '.' || rest[token_end] == ':') return true;
      // "Chương I" on its own line has nothing after; "Mục 1 Quy định chung"? rare, prose.
      return false;
    }
    if (word == "PHAN" && starts_with_word(rest, "THU")) return true;
  }
  return false;
}

bool is_official_document(const std::vector<DocumentLine>& lines) {
  if (lines.empty() || !is_capitals(lines[0].text)) return false;
  // A title over two capital lines at least, the first the kind ("LUẬT" / "CẢI CÁCH RUỘNG
  // ĐẤT"): a news title in capitals is one line.
  if (lines.size() > 1 && is_kind_line(shape(lines[0].text)) && is_capitals(lines[1].text) &&
      !ends_title(lines[1].text)) {
    return true;
  }
  const std::size_t look = std::min<std::size_t>(lines.size(), 8);
  for (std::size_t i = 0; i < look; ++i) {
    if (is_national_title(shape(lines[i].text))) return true;
  }
  return false;
}

void parse_official_document(const std::vector<DocumentLine>& lines, Report& report) {
  std::size_t i = 0;
  // The header: issuer, separators, national title, motto, number, place and date. It
  // ends with the place-and-date line, or with the first line that is none of these
  // (nothing after the national title is dropped unless it is one of these).
  bool national_title = false;
  for (; i < lines.size() && i < 16; ++i) {
    const std::string_view text = lines[i].text;
    const std::string shaped = shape(text);
    if (is_national_title(shaped)) {
      national_title = true;
      continue;
    }
    if (is_separator(text) || shaped.starts_with("DOC LAP")) continue;
    if (const std::string number = number_of(text); !number.empty() && report.number.empty()) {
      report.number = number;
      continue;
    }
    if (shaped.find("NGAY") != std::string::npos && shaped.find("THANG") != std::string::npos &&
        shaped.find("NAM") != std::string::npos && shaped.size() < 80) {
      if (const auto date = date_from_text(to_nfc(text)); date && report.date.empty()) {
        report.date = *date;
      }
      ++i;
      break;
    }
    // The issuer (QUỐC HỘI, BAN CHẤP HÀNH TRUNG ƯƠNG …) stands before the national title.
    if (!national_title && is_capitals(text) && !is_kind_line(shaped)) continue;
    break;
  }
  // The title: a run of capital lines starting with a kind of document, within the next
  // few lines (a session line such as "Khoá XI, kỳ họp thứ 10" may come first).
  std::size_t title_begin = lines.size();
  for (std::size_t j = i; j < lines.size() && j < i + 6; ++j) {
    if (is_capitals(lines[j].text) && is_kind_line(shape(lines[j].text))) {
      title_begin = j;
      break;
    }
  }
  if (title_begin == lines.size() && i < lines.size() && is_capitals(lines[i].text)) {
    title_begin = i;  // a title in capitals that names no kind
  }
  std::size_t title_end = title_begin;
  std::string title;
  while (title_end < lines.size() && is_capitals(lines[title_end].text) &&
         (title_end == title_begin || !ends_title(lines[title_end].text))) {
    if (!title.empty()) title += ' ';
    title += lines[title_end].text;
    ++title_end;
  }
  if (title.empty() && i < lines.size()) {  // no capitals: the first line after the header
    title_begin = i;
    title_end = i + 1;
    title = lines[i].text;
  }
  report.title = to_nfc(title);

  std::string article;
  for (std::size_t j = i; j < lines.size(); ++j) {
    if (j >= title_begin && j < title_end) continue;
    const std::string_view text = lines[j].text;
    if (is_separator(text) || is_residue_line(text)) continue;
    if (std::string heading = article_heading(text); !heading.empty()) {
      article = std::move(heading);
    } else if (is_division_heading(text)) {
      article.clear();
    }
    report.passages.push_back(to_nfc(text));
    report.lines.push_back(lines[j].number);
    report.articles.push_back(article);
  }
}

}  // namespace tracuu
