// Input formats by file name, compressed input, and what every format's reports go
// through after parsing (corpus/README.md describes the formats).
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

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

// The most input one report is read from: a .txt, .md or .html file (decompressed, for
// .gz) or one JSON line. A larger one is skipped, reported, without being held in memory:
// a report is written whole in one commit, so its size is what a run's memory grows with
// (bench/README.md "Limits"); real reports stay far below.
inline constexpr std::size_t kMaxReportBytes = std::size_t{4} << 20;
// The most passages one report may have: ten times the longest code of law (Bộ luật Hình
// sự, about 5,000). Within 4 MiB, paragraphs of a few bytes each would otherwise make
// over a million passages, all held until the report's commit.
inline constexpr std::size_t kMaxReportPassages = 50'000;
// A title longer than this is cut between words (and ends with "…"); a URL or source
// longer than kMaxFieldBytes makes the report skipped. Every passage carries them.
inline constexpr std::size_t kMaxTitleBytes = 2048;
inline constexpr std::size_t kMaxFieldBytes = 4096;
// A .jsonl.gz stream is decompressed as it is read, a line at a time; more than this in
// all is refused where it passes (a "zip bomb" would take long, not memory).
inline constexpr std::size_t kMaxGunzipBytes = std::size_t{1} << 30;

// Where bytes come from, a buffer at a time: fills at most `size` bytes of `buffer` and
// returns how many, 0 at the end. May throw (InputError for a read error).
using ByteSource = std::function<std::size_t(char* buffer, std::size_t size)>;

// The bytes of `in`, as a ByteSource; a read error throws InputError at `where`.
ByteSource stream_source(std::istream& in, const std::string& where);
// The bytes of file descriptor `fd` as they come: each call returns what one read(2) gives
// (a pipe's available bytes, without waiting for a full buffer); an error throws InputError.
ByteSource fd_source(int fd, const std::string& where);

// A gzip (or zlib) stream decompressed as it is read from `compressed`: several members in
// a row too (cat a.gz b.gz). read() throws DecodeError with the byte offset in the
// compressed input where it is corrupt or cut short, or where the output passes
// `max_output` bytes.
class GunzipReader {
 public:
  explicit GunzipReader(ByteSource compressed, std::size_t max_output = kMaxGunzipBytes);
  ~GunzipReader();
  GunzipReader(const GunzipReader&) = delete;
  GunzipReader& operator=(const GunzipReader&) = delete;
  // Fills at most `size` bytes of `buffer`; 0 at the end of the stream.
  std::size_t read(char* buffer, std::size_t size);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Decompresses gzip (or zlib) data whole (GunzipReader's errors).
std::string gunzip(std::string_view bytes, std::size_t max_output = kMaxGunzipBytes);

// The lines of a byte stream, read a buffer at a time: LF, CR LF and CR alone end a line.
// A line longer than `max_bytes` is not held: it comes back with too_long set and no text,
// read to its end, so memory stays within max_bytes whatever the input.
class LineReader {
 public:
  LineReader(ByteSource source, std::size_t max_bytes);
  struct Line {
    std::string text;        // without its line break; empty when too_long
    std::size_t number = 0;  // 1-based
    std::size_t offset = 0;  // of its first byte in the stream
    std::size_t bytes = 0;   // its length (also when too long)
    bool too_long = false;
  };
  // The next line into `line`; false at the end. Throws what the source throws.
  bool next(Line& line);

 private:
  bool fill();
  ByteSource source_;
  std::size_t max_bytes_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0, end_ = 0;
  std::size_t offset_ = 0, number_ = 0;
  bool after_cr_ = false;  // the last line ended with CR: a LF right after is part of it
};

// The last steps for a report of any format: a paragraph longer than kMaxPassageBytes is
// split into passages of whole sentences (text/sentences.h; each keeps its article), a
// title longer than kMaxTitleBytes is cut between words, and a report without a date takes
// the one its opening text gives ("Sáng 16/6, …", "Hà Nội, ngày 27 tháng 11 năm 2015";
// text/dates.h). Throws InputError at `where` for a URL or source longer than
// kMaxFieldBytes, or more than kMaxReportPassages passages.
void finish_report(Report& report, const std::string& where);

}  // namespace tracuu
