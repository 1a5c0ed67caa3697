// The HTML reader (libgumbo): any UTF-8 page gives a well-formed report or an InputError at
// the file — never another exception — in bounded time (the reader refuses pages too
// large or too deeply nested to parse quickly).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "check.h"
#include "error.h"
#include "ingest/html.h"
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
    const tracuu::Report r = tracuu::parse_html_report(text, "trang.html", "f.html");
    tracuu::fuzz::check_read_report(r);
    FUZZ_CHECK(!r.title.empty());
    tracuu::fuzz::check_finished_report(r, "f.html");
  } catch (const tracuu::InputError& e) {
    FUZZ_CHECK(e.location() == "f.html");
  }
  return 0;
}
