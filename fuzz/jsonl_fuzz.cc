// The JSON lines reader: any bytes, read as lines (LineReader: LF, CR LF, CR; a line over
// the limit not held) and each line parsed as a report, give well-formed reports or an
// InputError at that file and line — never another exception; a line our parser accepts
// is JSON nlohmann accepts too, and one it refuses either is not JSON or has a key twice.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "check.h"
#include "error.h"
#include "ingest/formats.h"
#include "ingest/report.h"
#include "report_check.h"
#include "text/decode.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes = tracuu::fuzz::as_text(data, size);
  constexpr std::size_t kMaxLine = 2048;  // small, so that lines over it are found too
  std::size_t at = 0;
  tracuu::LineReader reader(
      [&](char* buffer, std::size_t n) {
        n = std::min<std::size_t>({n, 7, bytes.size() - at});  // line breaks across reads
        std::copy_n(bytes.data() + at, n, buffer);
        at += n;
        return n;
      },
      kMaxLine);
  tracuu::LineReader::Line line;
  std::size_t expected_offset = 0, number = 0;
  while (reader.next(line)) {
    FUZZ_CHECK(line.number == ++number);
    FUZZ_CHECK(line.offset == expected_offset);
    FUZZ_CHECK(line.too_long ? line.bytes > kMaxLine && line.text.empty()
                             : line.bytes == line.text.size() && line.bytes <= kMaxLine);
    if (!line.too_long) FUZZ_CHECK(bytes.substr(line.offset, line.bytes) == line.text);
    // Past the line and its break: CR LF, or one of them.
    expected_offset = line.offset + line.bytes;
    if (expected_offset < bytes.size()) {
      FUZZ_CHECK(bytes[expected_offset] == '\n' || bytes[expected_offset] == '\r');
      expected_offset += bytes.substr(expected_offset, 2) == "\r\n" ? 2 : 1;
    }
    FUZZ_CHECK(line.text.find_first_of("\r\n") == std::string::npos);
    if (line.too_long) continue;
    std::string text;
    try {
      text = tracuu::decode_text(line.text);
    } catch (const tracuu::DecodeError&) {
      continue;
    }
    const std::string where = "f.jsonl:" + std::to_string(line.number);
    try {
      const tracuu::Report r = tracuu::parse_json_report(text, "f.jsonl", line.number);
      FUZZ_CHECK(nlohmann::json::accept(text));
      tracuu::fuzz::check_read_report(r);
      // A line without a title (empty, null, missing or blank) is a report with none.
      FUZZ_CHECK(r.title.empty() || tracuu::fuzz::trimmed(r.title));
      for (const std::string& p : r.passages) FUZZ_CHECK(tracuu::fuzz::trimmed(p));
      tracuu::fuzz::check_finished_report(r, where);
    } catch (const tracuu::InputError& e) {
      FUZZ_CHECK(e.location() == where);
    }
  }
  FUZZ_CHECK(expected_offset == bytes.size());
  return 0;
}
