// The Markdown reader (libcmark, front matter): any UTF-8 text gives a well-formed report
// or an InputError at the file or one of its lines — never another exception.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check.h"
#include "error.h"
#include "ingest/markdown.h"
#include "report_check.h"
#include "text/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text;
  try {
    text = tracuu::decode_text(tracuu::fuzz::as_text(data, size));
  } catch (const tracuu::DecodeError&) {
    return 0;
  }
  try {
    const tracuu::Report r = tracuu::parse_markdown_report(text, "bai.md", "f.md");
    tracuu::fuzz::check_read_report(r);
    FUZZ_CHECK(!r.title.empty());
    tracuu::fuzz::check_finished_report(r, "f.md");
  } catch (const tracuu::InputError& e) {
    FUZZ_CHECK(e.location() == "f.md" || e.location().starts_with("f.md:"));
  }
  return 0;
}
