// Input formats by file name, compressed input, and what every format's reports go
// through after parsing (corpus/README.md describes the formats).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tracuu {

struct Report;

enum class InputFormat { kText, kMarkdown, kHtml, kJsonLines, kUnsupported };

struct InputKind {
  InputFormat format = InputFormat::kUnsupported;
  bool gzip = false;  // "name.jsonl.gz": the format of "name.jsonl", compressed
};

// By extension, case-insensitive: .txt, .md/.markdown, .html/.htm, .jsonl, each optionally
// followed by .gz.
InputKind input_kind(std::string_view path);

// The supported extensions, for messages: ".txt, .md, .html, .htm, .jsonl (also .gz)".
std::string_view supported_formats();

// A compressed file is decompressed in memory: more than this is refused (a "zip bomb",
// or a stream that should be split), with an error naming the file.
inline constexpr std::size_t kMaxGunzipBytes = std::size_t{1} << 30;

// Decompresses gzip (or zlib) data, several members in a row included. Throws DecodeError
// with the byte offset in `bytes` where the compressed data is corrupt or cut short, or
// where the output passes kMaxGunzipBytes.
std::string gunzip(std::string_view bytes);

// The last steps for a report of any format: a paragraph longer than kMaxPassageBytes is
// split into passages of whole sentences (text/sentences.h; each keeps its article), and a
// report without a date takes the one its opening text gives ("Sáng 16/6, …", "Hà Nội,
// ngày 27 tháng 11 năm 2015"; text/dates.h).
void finish_report(Report& report);

}  // namespace tracuu
