// The .txt reader and the official-document layout in it (header, number, date, title in
// capitals, chapters and articles): any UTF-8 text gives a well-formed report or an
// InputError at the file or one of its lines — never another exception; an article is
// what article_heading() reads ("12", "5a"), one per passage.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "check.h"
#include "error.h"
#include "ingest/official.h"
#include "ingest/report.h"
#include "report_check.h"
#include "text/decode.h"
#include "text/normalize.h"

namespace {

bool is_article(std::string_view a) {
  if (a.empty()) return true;  // outside any article
  std::size_t digits = 0;
  while (digits < a.size() && a[digits] >= '0' && a[digits] <= '9') ++digits;
  return digits > 0 && a.size() - digits <= 1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text;
  try {
    text = tracuu::to_nfc(tracuu::decode_text(tracuu::fuzz::as_text(data, size)));
  } catch (const tracuu::DecodeError&) {
    return 0;
  }
  // The layout functions on the lines alone.
  std::vector<tracuu::DocumentLine> lines;
  std::size_t number = 0;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    const std::string_view line =
        tracuu::trim_white_space(std::string_view(text).substr(pos, nl - pos));
    ++number;
    if (!line.empty()) lines.push_back({line, number});
    FUZZ_CHECK(is_article(tracuu::article_heading(line)));
    (void)tracuu::is_division_heading(line);
    pos = nl + 1;
  }
  if (!lines.empty() && tracuu::is_official_document(lines)) {
    tracuu::Report r;
    r.id = "vb.txt";
    tracuu::parse_official_document(lines, r);
    FUZZ_CHECK(r.articles.empty() || r.articles.size() == r.passages.size());
  }
  // The whole reader.
  try {
    const tracuu::Report r = tracuu::parse_text_report(text, "vb.txt", "f.txt");
    tracuu::fuzz::check_read_report(r);
    for (const std::string& a : r.articles) FUZZ_CHECK(is_article(a));
    tracuu::fuzz::check_finished_report(r, "f.txt");
  } catch (const tracuu::InputError& e) {
    FUZZ_CHECK(e.location() == "f.txt" || e.location().starts_with("f.txt:"));
  }
  return 0;
}
