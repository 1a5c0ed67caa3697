#include "index/formats.h"

#include <fmt/format.h>
#include <zlib.h>

#include "index/report.h"
#include "text/dates.h"
#include "text/decode.h"
#include "text/sentences.h"

namespace tracuu {

InputKind input_kind(std::string_view path) {
  std::string name(path.substr(path.find_last_of('/') == std::string_view::npos
                                   ? 0
                                   : path.find_last_of('/') + 1));
  for (char& c : name) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  InputKind kind;
  if (name.ends_with(".gz")) {
    kind.gzip = true;
    name.resize(name.size() - 3);
  }
  if (name.ends_with(".txt")) kind.format = InputFormat::kText;
  else if (name.ends_with(".md") || name.ends_with(".markdown")) kind.format = InputFormat::kMarkdown;
  else if (name.ends_with(".html") || name.ends_with(".htm")) kind.format = InputFormat::kHtml;
  else if (name.ends_with(".jsonl")) kind.format = InputFormat::kJsonLines;
  if (kind.format == InputFormat::kUnsupported) kind.gzip = false;
  return kind;
}

std::string_view supported_formats() { return ".txt, .md, .html, .htm, .jsonl (each also .gz)"; }

std::string gunzip(std::string_view bytes) {
  std::string out;
  z_stream z{};
  // 15 + 32: a zlib or gzip header, detected.
  if (inflateInit2(&z, 15 + 32) != Z_OK) throw DecodeError(0, "cannot start zlib");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  char buffer[1 << 16];
  // Where the compressed input stands, across members (z.total_in restarts with each).
  auto at = [&] { return bytes.size() - z.avail_in; };
  for (;;) {
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = sizeof buffer;
    const int rc = inflate(&z, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - z.avail_out);
    if (out.size() > kMaxGunzipBytes) {
      const std::size_t where = at();
      inflateEnd(&z);
      throw DecodeError(where, fmt::format("decompresses to more than {} MB", kMaxGunzipBytes >> 20));
    }
    if (rc == Z_STREAM_END) {
      if (z.avail_in == 0) break;
      inflateReset(&z);  // another gzip member follows (cat a.gz b.gz)
      continue;
    }
    if (rc == Z_OK) continue;
    const std::size_t where = at();
    const std::string why = rc == Z_BUF_ERROR ? "compressed data cut short"
                                              : std::string("corrupt compressed data: ") +
                                                    (z.msg != nullptr ? z.msg : "inflate failed");
    inflateEnd(&z);
    throw DecodeError(where, why);
  }
  inflateEnd(&z);
  return out;
}

void finish_report(Report& report) {
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
  const bool has_articles = !report.articles.empty();
  std::vector<std::string> passages;
  std::vector<std::string> articles;
  for (std::size_t i = 0; i < report.passages.size(); ++i) {
    for (std::string& piece : split_long_paragraph(report.passages[i])) {
      passages.push_back(std::move(piece));
      if (has_articles) articles.push_back(report.articles[i]);
    }
  }
  report.passages = std::move(passages);
  report.articles = std::move(articles);
}

}  // namespace tracuu
