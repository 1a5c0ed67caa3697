#include "ingest/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "error.h"
#include "ingest/official.h"
#include "text/chars.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace tracuu {
namespace {

// "# key = value" → key and value; false for any other line.
bool parse_front_matter(std::string_view line, std::string_view& key, std::string_view& value) {
  if (line.empty() || line[0] != '#') return false;
  const auto eq = line.find('=');
  if (eq == std::string_view::npos) return false;
  key = trim_white_space(line.substr(1, eq - 1));
  value = trim_white_space(line.substr(eq + 1));
  if (key.empty()) return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  }
  return true;
}

// A JSON line's value, built from nlohmann's SAX events as nlohmann::json::parse builds it,
// but: an error (a number out of range too, which parse() throws without a place) is kept
// with its column; a key that comes twice in the line's object is an error, not the last
// value silently; an integer too large for 64 bits keeps its decimal text.
class JsonLine final : public nlohmann::json_sax<nlohmann::json> {
 public:
  nlohmann::json value;
  std::map<std::string, std::string> big_integers;  // key in the top object → decimal text
  std::string error;  // what is wrong, with its column; "" when the line parsed

  bool null() override { return add(nullptr); }
  bool boolean(bool v) override { return add(v); }
  bool number_integer(number_integer_t v) override { return add(v); }
  bool number_unsigned(number_unsigned_t v) override { return add(v); }
  bool number_float(number_float_t v, const string_t& text) override {
    const std::string_view digits = std::string_view(text).substr(text.starts_with('-') ? 1 : 0);
    if (open_.size() == 1 && !digits.empty() &&
        digits.find_first_not_of("0123456789") == std::string_view::npos) {
      big_integers[keys_.back()] = text;
    }
    return add(v);
  }
  bool string(string_t& v) override { return add(std::move(v)); }
  bool binary(binary_t& v) override { return add(nlohmann::json::binary(std::move(v))); }
  bool start_object(std::size_t) override { return open(nlohmann::json::object()); }
  bool key(string_t& k) override {
    if (open_.size() == 1 && open_.back()->contains(k)) {
      error = fmt::format("key \"{}\" comes twice in the object", k);
      return false;
    }
    keys_.back() = std::move(k);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(nlohmann::json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::json::exception& e) override {
    // position: the bytes read, the last one where it failed (its 1-based column); a
    // number out of range is named at its first byte.
    error = e.id == 406 ? fmt::format("number {} out of range at column {}", token,
                                      position + 1 - std::min(token.size(), position))
                        : fmt::format("not valid JSON at column {}", position);
    return false;
  }

 private:
  // Puts `v` where the parse stands: the whole value, the current key of the open object,
  // or the end of the open array.
  nlohmann::json* place(nlohmann::json v) {
    if (open_.empty()) {
      value = std::move(v);
      return &value;
    }
    nlohmann::json& parent = *open_.back();
    if (parent.is_object()) return &(parent[keys_.back()] = std::move(v));
    parent.push_back(std::move(v));
    return &parent.back();
  }
  bool add(nlohmann::json v) {
    place(std::move(v));
    return true;
  }
  bool open(nlohmann::json container) {
    open_.push_back(place(std::move(container)));
    keys_.emplace_back();
    return true;
  }
  bool close() {
    open_.pop_back();
    keys_.pop_back();
    return true;
  }

  // The containers being filled, outermost first (an element of an array is not moved
  // while it is open: the array grows only after it is closed), and the key each is at.
  std::vector<nlohmann::json*> open_;
  std::vector<std::string> keys_;
};

std::string json_string_field(const JsonLine& line, const char* key, bool required,
                              const std::string& where) {
  const nlohmann::json& obj = line.value;
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (required) throw InputError(where, fmt::format("missing field \"{}\"", key));
    return {};
  }
  if (it->is_string()) return it->get<std::string>();
  if (std::string_view(key) == "id") {
    // An integer id is its decimal text, whatever its size.
    if (it->is_number_integer()) return it->dump();
    if (const auto big = line.big_integers.find(key); big != line.big_integers.end())
      return big->second;
  }
  throw InputError(where, fmt::format("field \"{}\" must be a string{}", key,
                                      std::string_view(key) == "id" ? " or an integer" : ""));
}

// The length of the line break at `pos` in `text`: "\r\n" 2; "\n" or "\r" alone 1; else 0.
std::size_t line_break_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  if (text[pos] == '\r') return pos + 1 < text.size() && text[pos + 1] == '\n' ? 2 : 1;
  return text[pos] == '\n' ? 1 : 0;
}

}  // namespace

std::string_view trim_white_space(std::string_view s) {
  const auto first = s.find_first_not_of(kAsciiWhiteSpace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kAsciiWhiteSpace) - first + 1);
}

std::string url_host(std::string_view url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string_view::npos || scheme == 0) return {};
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos)
    rest.remove_prefix(at + 1);
  if (!rest.starts_with('[')) rest = rest.substr(0, rest.find(':'));  // not an IPv6 address
  return lower_ascii(rest);
}

std::optional<std::string> parse_date(std::string_view text) {
  std::string digits;
  if (text.size() == 8) {
    digits = text;
  } else if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    digits = std::string(text.substr(0, 4)) + std::string(text.substr(5, 2)) +
             std::string(text.substr(8, 2));
  } else {
    return std::nullopt;
  }
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const int year = std::stoi(digits.substr(0, 4));
  const int month = std::stoi(digits.substr(4, 2));
  const int day = std::stoi(digits.substr(6, 2));
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) {
    return std::nullopt;
  }
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) return std::nullopt;
  return digits;
}

void check_report_id(const std::string& id, const std::string& where) {
  if (id.empty()) throw InputError(where, "empty report id");
  if (id.size() > kMaxReportIdBytes) {
    throw InputError(where, fmt::format("report id is {} bytes long, at most {} allowed", id.size(),
                                        kMaxReportIdBytes));
  }
}

bool is_prose(std::string_view paragraph) {
  paragraph = trim_white_space(paragraph);
  // Step back over closing quotes and brackets: ." .” .) .»
  for (;;) {
    if (paragraph.ends_with("\"") || paragraph.ends_with("'") || paragraph.ends_with(")") ||
        paragraph.ends_with("]")) {
      paragraph.remove_suffix(1);
    } else if (paragraph.ends_with("”") || paragraph.ends_with("’") || paragraph.ends_with("»")) {
      paragraph.remove_suffix(paragraph.ends_with("»") ? 2 : 3);
    } else {
      break;
    }
  }
  for (std::string_view end : {".", "!", "?", ";", ":", "…"}) {
    if (paragraph.ends_with(end)) return true;
  }
  return false;
}

bool is_residue_line(std::string_view line) {
  line = trim_white_space(line);
  if (line.ends_with("|")) return true;  // table residue: photo captions and credits
  // Only image placeholders ("![alt](url)") and separators.
  std::size_t i = 0;
  bool any = false;
  while (i < line.size()) {
    if (is_ascii_inline_space(line[i]) || line[i] == '|') {
      ++i;
    } else if (line.substr(i, 2) == "![") {
      const auto close = line.find("](", i);
      if (close == std::string_view::npos) return false;
      const auto end = line.find(')', close);
      if (end == std::string_view::npos) return false;
      i = end + 1;
      any = true;
    } else {
      return false;
    }
  }
  return any;
}

Report parse_text_report(std::string_view text, const std::string& fallback_id,
                         const std::string& source) {
  Report report;
  report.id = fallback_id;
  bool in_front_matter = true;
  std::vector<DocumentLine> lines;
  std::size_t line_number = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    auto nl = text.find_first_of("\r\n", pos);  // LF, CR LF, and CR alone end a line
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = trim_white_space(text.substr(pos, nl - pos));
    pos = nl + std::max<std::size_t>(line_break_at(text, nl), 1);
    ++line_number;
    if (line.empty()) continue;

    std::string_view key, value;
    if (in_front_matter && parse_front_matter(line, key, value)) {
      const std::string where = fmt::format("{}:{}", source, line_number);
      if (key == "doc_id") {
        report.id = value;
        check_report_id(report.id, where);
      } else if (key == "date") {
        auto date = parse_date(value);
        if (!date) {
          throw InputError(where, fmt::format("date \"{}\" is not a date (want YYYYMMDD)", value));
        }
        report.date = *date;
      } else if (key == "url") {
        report.url = value;
      } else if (key == "source") {
        report.source = value;
      }
      continue;  // unknown keys are allowed, for tools that add their own
    }
    in_front_matter = false;
    lines.push_back({line, line_number});
  }
  check_report_id(report.id, source);
  if (lines.empty()) throw InputError(source, "empty report: no title line");
  if (is_official_document(lines)) {
    const std::string front_matter_date = report.date;
    parse_official_document(lines, report);
    if (!front_matter_date.empty()) report.date = front_matter_date;  // the user's word wins
  } else {
    report.title = to_nfc(lines[0].text);
    for (std::size_t i = 1; i < lines.size(); ++i) {
      if (is_residue_line(lines[i].text)) continue;
      report.passages.push_back(to_nfc(lines[i].text));
      report.lines.push_back(lines[i].number);
    }
    // A trailing ">>" line links to a related article.
    if (!report.passages.empty() && report.passages.back().starts_with(">>")) {
      report.passages.pop_back();
      report.lines.pop_back();
    }
  }
  if (report.passages.empty()) throw InputError(source, "no paragraphs after the title");
  return report;
}

Report parse_json_report(std::string_view line, const std::string& file, std::size_t line_number) {
  const std::string where = fmt::format("{}:{}", file, line_number);
  JsonLine obj;
  if (!nlohmann::json::sax_parse(line, &obj) || !obj.error.empty()) {
    throw InputError(where, obj.error.empty() ? "not valid JSON" : obj.error);
  }
  if (!obj.value.is_object()) throw InputError(where, "not a JSON object");

  Report report;
  report.id = json_string_field(obj, "id", true, where);
  check_report_id(report.id, where);
  // A report without a title is still a report (the run's summary counts them).
  report.title = to_nfc(trim_white_space(json_string_field(obj, "title", false, where)));
  const std::string body = json_string_field(obj, "body", true, where);
  report.url = json_string_field(obj, "url", false, where);
  report.source = json_string_field(obj, "source", false, where);
  if (const std::string date = json_string_field(obj, "date", false, where); !date.empty()) {
    auto parsed = parse_date(date);
    if (!parsed) {
      throw InputError(where, fmt::format("date \"{}\" is not a date (want YYYY-MM-DD)", date));
    }
    report.date = *parsed;
  }
  std::string_view rest = body;
  while (!rest.empty()) {
    auto nl = rest.find_first_of("\r\n");  // "\n", "\r\n" or "\r" alone
    const std::string_view paragraph = trim_white_space(rest.substr(0, nl));
    if (!paragraph.empty()) {
      report.passages.push_back(to_nfc(paragraph));
      report.lines.push_back(line_number);
    }
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + line_break_at(rest, nl));
  }
  if (report.passages.empty()) throw InputError(where, "empty \"body\": no paragraphs");
  return report;
}

}  // namespace tracuu
