#include "ingest/formats.h"

#include <fmt/format.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <istream>

#include "error.h"
#include "ingest/report.h"
#include "text/chars.h"
#include "text/dates.h"
#include "text/decode.h"
#include "text/sentences.h"

namespace tracuu {

InputKind input_kind(std::string_view path) {
  std::string name = lower_ascii(path.substr(
      path.find_last_of('/') == std::string_view::npos ? 0 : path.find_last_of('/') + 1));
  InputKind kind;
  if (name.ends_with(".gz")) {
    kind.gzip = true;
    name.resize(name.size() - 3);
  }
  if (name.ends_with(".txt"))
    kind.format = InputFormat::kText;
  else if (name.ends_with(".md") || name.ends_with(".markdown"))
    kind.format = InputFormat::kMarkdown;
  else if (name.ends_with(".html") || name.ends_with(".htm"))
    kind.format = InputFormat::kHtml;
  else if (name.ends_with(".jsonl"))
    kind.format = InputFormat::kJsonLines;
  if (kind.format == InputFormat::kUnsupported) kind.gzip = false;
  return kind;
}

std::string_view supported_formats() { return ".txt, .md, .html, .htm, .jsonl (each also .gz)"; }

ByteSource stream_source(std::istream& in, const std::string& where) {
  return [&in, where](char* buffer, std::size_t size) {
    in.read(buffer, static_cast<std::streamsize>(size));
    if (in.bad()) throw InputError(where, "read error");
    return static_cast<std::size_t>(in.gcount());
  };
}

ByteSource fd_source(int fd, const std::string& where) {
  return [fd, where](char* buffer, std::size_t size) {
    for (;;) {
      const ssize_t n = ::read(fd, buffer, size);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR)
        throw InputError(where, fmt::format("read error: {}", std::strerror(errno)));
    }
  };
}

struct GunzipReader::Impl {
  ByteSource compressed;
  std::size_t max_output;
  z_stream z{};
  std::vector<char> input = std::vector<char>(1 << 16);
  std::size_t consumed = 0;  // compressed bytes given to zlib before the current buffer
  std::size_t output = 0;
  bool started = false;  // a member has begun (input seen since the last one ended)
  bool done = false;

  // Where the compressed input stands, across members (z.total_in restarts with each).
  std::size_t at() const { return consumed - z.avail_in; }
};

GunzipReader::GunzipReader(ByteSource compressed, std::size_t max_output)
    : impl_(std::make_unique<Impl>()) {
  impl_->compressed = std::move(compressed);
  impl_->max_output = max_output;
  // 15 + 32: a zlib or gzip header, detected.
  if (inflateInit2(&impl_->z, 15 + 32) != Z_OK) throw DecodeError(0, "cannot start zlib");
}

GunzipReader::~GunzipReader() { inflateEnd(&impl_->z); }

std::size_t GunzipReader::read(char* buffer, std::size_t size) {
  Impl& g = *impl_;
  z_stream& z = g.z;
  std::size_t produced = 0;
  while (produced < size && !g.done) {
    if (z.avail_in == 0) {
      const std::size_t n = g.compressed(g.input.data(), g.input.size());
      if (n == 0) {
        // The end of the input: after a whole member, the end; else cut short.
        if (!g.started && g.consumed > 0) {
          g.done = true;
          break;
        }
        throw DecodeError(g.at(),
                          g.consumed == 0 ? "empty, not gzip data" : "compressed data cut short");
      }
      z.next_in = reinterpret_cast<Bytef*>(g.input.data());
      z.avail_in = static_cast<uInt>(n);
      g.consumed += n;
    }
    g.started = true;
    z.next_out = reinterpret_cast<Bytef*>(buffer + produced);
    z.avail_out = static_cast<uInt>(std::min<std::size_t>(size - produced, 1 << 30));
    const int rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t n = size - produced - z.avail_out;
    produced += n;
    g.output += n;
    if (g.output > g.max_output) {
      throw DecodeError(g.at(),
                        fmt::format("decompresses to more than {} MiB", g.max_output >> 20));
    }
    if (rc == Z_STREAM_END) {
      inflateReset(&z);  // another gzip member may follow (cat a.gz b.gz)
      g.started = false;
      continue;
    }
    if (rc == Z_OK || (rc == Z_BUF_ERROR && z.avail_in == 0)) continue;
    throw DecodeError(g.at(), std::string("corrupt compressed data: ") +
                                  (z.msg != nullptr ? z.msg : "inflate failed"));
  }
  return produced;
}

std::string gunzip(std::string_view bytes, std::size_t max_output) {
  std::size_t at = 0;
  GunzipReader reader(
      [&](char* buffer, std::size_t size) {
        const std::size_t n = std::min(size, bytes.size() - at);
        std::copy_n(bytes.data() + at, n, buffer);
        at += n;
        return n;
      },
      max_output);
  std::string out;
  char buffer[1 << 16];
  while (const std::size_t n = reader.read(buffer, sizeof buffer)) out.append(buffer, n);
  return out;
}

LineReader::LineReader(ByteSource source, std::size_t max_bytes)
    : source_(std::move(source)), max_bytes_(max_bytes), buffer_(1 << 16) {}

bool LineReader::fill() {
  if (pos_ < end_) return true;
  pos_ = 0;
  end_ = source_(buffer_.data(), buffer_.size());
  return end_ > 0;
}

bool LineReader::next(Line& line) {
  line.text.clear();
  line.too_long = false;
  line.bytes = 0;
  if (after_cr_) {
    after_cr_ = false;
    if (fill() && buffer_[pos_] == '\n') {
      ++pos_;
      ++offset_;
    }
  }
  line.offset = offset_;
  bool any = false;
  while (fill()) {
    any = true;
    std::size_t end = pos_;
    while (end < end_ && buffer_[end] != '\n' && buffer_[end] != '\r') ++end;
    const std::size_t n = end - pos_;
    if (!line.too_long && line.text.size() + n > max_bytes_) {
      line.too_long = true;
      line.text.clear();
    }
    if (!line.too_long) line.text.append(buffer_.data() + pos_, n);
    line.bytes += n;
    offset_ += n;
    pos_ = end;
    if (end < end_) {  // a line break
      after_cr_ = buffer_[end] == '\r';
      ++pos_;
      ++offset_;
      break;
    }
  }
  if (!any) return false;
  line.number = ++number_;
  return true;
}

void finish_report(Report& report, const std::string& where) {
  if (report.passages.size() > kMaxReportPassages) {
    throw InputError(where, fmt::format("{} passages, more than the {} one report may have",
                                        report.passages.size(), kMaxReportPassages));
  }
  for (const auto& [name, field] :
       {std::pair{"url", &report.url}, std::pair{"source", &report.source}}) {
    if (field->size() > kMaxFieldBytes) {
      throw InputError(where, fmt::format("the {} is {} bytes long, at most {} allowed", name,
                                          field->size(), kMaxFieldBytes));
    }
  }
  if (report.title.size() > kMaxTitleBytes) {
    constexpr std::string_view kEllipsis = "…";
    std::string title(first_words(report.title, kMaxTitleBytes - kEllipsis.size()));
    report.title = title.append(kEllipsis);
  }
  if (report.date.empty()) {
    // The dateline is in the first paragraphs; later ones cite other days.
    std::string opening = report.title;
    for (std::size_t i = 0; i < report.passages.size() && i < 3; ++i) {
      opening += '\n';
      opening += report.passages[i];
    }
    if (const auto date = date_from_text(opening)) report.date = *date;
  }
  bool any_long = false;
  for (const std::string& p : report.passages) any_long |= p.size() > kMaxPassageBytes;
  if (!any_long) return;
  const bool has_articles = !report.articles.empty(), has_lines = !report.lines.empty();
  std::vector<std::string> passages;
  std::vector<std::string> articles;
  std::vector<std::size_t> lines;
  for (std::size_t i = 0; i < report.passages.size(); ++i) {
    for (std::string& piece : split_long_paragraph(report.passages[i])) {
      passages.push_back(std::move(piece));
      if (has_articles) articles.push_back(report.articles[i]);
      if (has_lines) lines.push_back(report.lines[i]);  // the paragraph's
    }
  }
  report.passages = std::move(passages);
  report.articles = std::move(articles);
  report.lines = std::move(lines);
}

}  // namespace tracuu
