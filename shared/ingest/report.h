// Reports and the input formats they are read from (described in corpus/README.md).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {

// One report (an article, a meeting report): the unit of identity in the index.
struct Report {
  std::string id;     // identity: re-indexing the same id replaces the report
  std::string title;  // NFC
  std::string date;   // "YYYYMMDD", or empty when unknown
  // The input's `source` field; when it gives none, the indexing run sets the URL's host,
  // else the top folder of the file under the path indexed (index_run.h default_source).
  std::string source;
  std::string url;   // empty when unknown
  std::string path;  // the input file as the user named it ("-" for stdin); set by the run
  std::vector<std::string> passages;  // NFC paragraphs, in order
  // The 1-based line of the decoded input where each passage starts (the JSON line's, for
  // JSON lines), one entry per passage; 0 where unknown (HTML). Empty: unknown for all.
  std::vector<std::size_t> lines;
  // Official documents: the article ("Điều 12" → "12") each passage belongs to, one entry
  // per passage ("" outside any article); empty for reports without articles.
  std::vector<std::string> articles;
  std::string number;  // an official document's number ("100/2015/QH13"), else empty
};

// `s` without the ASCII white space (space, tab, CR, LF, FF, VT) at either end.
std::string_view trim_white_space(std::string_view s);

// The host of an absolute URL, in lower case ("https://DanTri.com.vn:443/a" → "dantri.com.vn");
// "" when `url` has none.
std::string url_host(std::string_view url);

// "YYYYMMDD" for a valid calendar date written "YYYYMMDD" or "YYYY-MM-DD"; nullopt else.
std::optional<std::string> parse_date(std::string_view text);

// Parses a report in the .txt format from decoded UTF-8 `text`: optional front matter
// lines "# key = value" (doc_id, url, date, source), the title line, then one paragraph
// per line (lines end with LF, CR LF or CR alone); image placeholders, table residue
// ("… Ảnh: X. |") and a trailing ">>" link line are left out.
// `fallback_id` is the id when there is no doc_id; `source` names the file in messages. Throws
// InputError whose location is "<source>:<line>" (or "<source>" for an empty report).
Report parse_text_report(std::string_view text, const std::string& fallback_id,
                         const std::string& source);

// Parses one line of a .jsonl file: {"id", "title"?, "body", "date"?, "source"?, "url"?}
// (a missing, null or blank title leaves the report's title empty),
// body paragraphs separated by "\n" (or "\r\n", "\r"); an integer id, of any size, is its
// decimal text. Errors are located at
// "<file>:<line_number>". Throws InputError, also for a key that comes twice in the object
// and a number out of range anywhere in the line.
Report parse_json_report(std::string_view line, const std::string& file, std::size_t line_number);

// A report id becomes a term (index/terms.h report), so it must fit in one.
inline constexpr std::size_t kMaxReportIdBytes = 200;

// Throws InputError at `where` unless `id` can be a report id (not empty, at most
// kMaxReportIdBytes bytes).
void check_report_id(const std::string& id, const std::string& where);

// True when a paragraph ends like a sentence (. ! ? … ; : possibly followed by closing
// quotes or brackets), unlike headings, bylines, bare numbers and many captions.
bool is_prose(std::string_view paragraph);

// True for lines of the .txt format that are layout residue, not paragraphs.
bool is_residue_line(std::string_view line);

}  // namespace tracuu
