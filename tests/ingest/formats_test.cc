// Input formats by name, gzip, Markdown reports, and the steps every report goes through
// (shared/ingest/formats.h, markdown.h).
#include "ingest/formats.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "error.h"
#include "ingest/markdown.h"
#include "ingest/report.h"
#include "text/decode.h"
#include "text/sentences.h"

namespace tracuu {
namespace {

TEST(InputKind, ByExtensionCaseInsensitiveWithGzip) {
  struct Case {
    const char* path;
    InputFormat format;
    bool gzip;
  };
  const Case cases[] = {
      {"a.txt", InputFormat::kText, false},
      {"dir.d/B.TXT", InputFormat::kText, false},
      {"a.md", InputFormat::kMarkdown, false},
      {"a.markdown", InputFormat::kMarkdown, false},
      {"a.html", InputFormat::kHtml, false},
      {"a.HTM", InputFormat::kHtml, false},
      {"a.jsonl", InputFormat::kJsonLines, false},
      {"a.jsonl.gz", InputFormat::kJsonLines, true},
      {"a.txt.gz", InputFormat::kText, true},
      {"a.gz", InputFormat::kUnsupported, false},
      {"a.pdf", InputFormat::kUnsupported, false},
      {"txt", InputFormat::kUnsupported, false},
      {"a.json", InputFormat::kUnsupported, false},
      {"x.txt/a.doc", InputFormat::kUnsupported, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.path);
    const InputKind k = input_kind(c.path);
    EXPECT_EQ(k.format, c.format);
    EXPECT_EQ(k.gzip, c.gzip);
  }
}

std::string gzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&z, data.size()) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TEST(Gunzip, MembersInARowAndErrorsWithOffsets) {
  EXPECT_EQ(gunzip(gzip("dòng một\n")), "dòng một\n");
  EXPECT_EQ(gunzip(gzip("a\n") + gzip("b\n")), "a\nb\n");  // cat a.gz b.gz
  const std::string whole = gzip(std::string(10000, 'x'));
  try {
    gunzip(whole.substr(0, whole.size() / 2));
    FAIL() << "a cut stream must fail";
  } catch (const DecodeError& e) {
    EXPECT_LE(e.offset(), whole.size() / 2);
    EXPECT_NE(std::string(e.what()).find("cut short"), std::string::npos) << e.what();
  }
  std::string corrupt = whole;
  corrupt[12] = static_cast<char>(corrupt[12] ^ 0x55);
  EXPECT_THROW(gunzip(corrupt), DecodeError);
  EXPECT_THROW(gunzip("not gzip at all"), DecodeError);
  EXPECT_THROW(gunzip(""), DecodeError);
}

TEST(ParseMarkdownReport, FrontMatterTitleBlocksAndMarkup) {
  const Report r = parse_markdown_report(
      "---\nid: md-1\ntitle: \"Tiêu đề từ front matter\"\ndate: 2025-06-16T08:00:00+07:00\n"
      "url: https://example.vn/a\nsource: Ban Tuyên giáo\n---\n"
      "# Tiêu đề trong văn bản\n\nĐoạn **một** có [liên kết](https://x.vn) và `mã`,\nxuống "
      "dòng.\n\n"
      "![ảnh](a.jpg)\n\n- Ý thứ nhất\n- Ý thứ hai\n\n> Trích dẫn.\n\n## Mục hai\n",
      "fallback", "a.md");
  EXPECT_EQ(r.id, "md-1");
  EXPECT_EQ(r.title, "Tiêu đề từ front matter");
  EXPECT_EQ(r.date, "20250616");
  EXPECT_EQ(r.url, "https://example.vn/a");
  EXPECT_EQ(r.source, "Ban Tuyên giáo");
  EXPECT_EQ(r.passages, (std::vector<std::string>{
                            "Tiêu đề trong văn bản", "Đoạn một có liên kết và mã, xuống dòng.",
                            "Ý thứ nhất", "Ý thứ hai", "Trích dẫn.", "Mục hai"}));
}

TEST(ParseMarkdownReport, TitleFromTheFirstBlockAndErrors) {
  const Report r = parse_markdown_report("# Hội nghị\n\nNội dung.\n", "b.md", "dir/b.md");
  EXPECT_EQ(r.id, "b.md");
  EXPECT_EQ(r.title, "Hội nghị");
  EXPECT_EQ(r.source, "");  // the indexing run gives it (index_run.cc)
  EXPECT_EQ(r.passages, (std::vector<std::string>{"Nội dung."}));
  EXPECT_EQ(r.lines, (std::vector<std::size_t>{3}));
  // Lines of the file: the front matter's come first.
  const Report fm =
      parse_markdown_report("---\nid: x\n---\n# T\n\nMột.\n\n- Hai\n- Ba\n", "c", "c.md");
  EXPECT_EQ(fm.passages, (std::vector<std::string>{"Một.", "Hai", "Ba"}));
  EXPECT_EQ(fm.lines, (std::vector<std::size_t>{6, 8, 9}));
  EXPECT_THROW(parse_markdown_report("# Chỉ tiêu đề\n", "c", "c.md"), InputError);
  EXPECT_THROW(parse_markdown_report("---\nid: x\n", "c", "c.md"), InputError);  // never closed
  try {
    parse_markdown_report("---\nid: x\ndate: 16/6\n---\n# T\n\nx\n", "c", "c.md");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.location(), "c.md:3");
  }
}

TEST(FinishReport, LongParagraphsAreCutKeepingTheirArticle) {
  Report r;
  std::string sentence = "Cán bộ phải gương mẫu, không né tránh khuyết điểm trong mọi việc. ";
  std::string longest;
  while (longest.size() < 3 * kMaxPassageBytes) longest += sentence;
  r.title = "T";
  r.date = "20250101";
  r.passages = {"Ngắn.", longest};
  r.articles = {"1", "2"};
  finish_report(r, "r.txt");
  ASSERT_GT(r.passages.size(), 3u);
  ASSERT_EQ(r.articles.size(), r.passages.size());
  EXPECT_EQ(r.passages[0], "Ngắn.");
  EXPECT_EQ(r.articles[0], "1");
  std::string joined;
  for (std::size_t i = 1; i < r.passages.size(); ++i) {
    EXPECT_LE(r.passages[i].size(), kMaxPassageBytes);
    EXPECT_EQ(r.articles[i], "2");
    EXPECT_TRUE(r.passages[i].ends_with(".")) << r.passages[i];  // whole sentences
    joined += r.passages[i] + " ";
  }
  EXPECT_EQ(joined, longest);
}

TEST(FinishReport, DateFromTheOpeningOnlyWhenTheDataHasNone) {
  Report r;
  r.title = "Hội nghị";
  r.passages = {"Sáng 16/6/2025, hội nghị khai mạc.", "Ngày 1/1/2020 là mốc khác."};
  finish_report(r, "r.txt");
  EXPECT_EQ(r.date, "20250616");
  r.date = "20240101";
  finish_report(r, "r.txt");
  EXPECT_EQ(r.date, "20240101");
  Report none;
  none.title = "Không ngày";
  none.passages = {"Nội dung không có ngày tháng."};
  finish_report(none, "none.txt");
  EXPECT_EQ(none.date, "");
}

TEST(FinishReport, LongTitlesAreCutBetweenWordsAndLongFieldsRefused) {
  Report r;
  r.passages = {"Đoạn."};
  for (std::size_t i = 0; r.title.size() < 3 * kMaxTitleBytes; ++i) r.title += "Tiêu đề dài ";
  finish_report(r, "r.txt");
  EXPECT_LE(r.title.size(), kMaxTitleBytes);
  EXPECT_TRUE(r.title.ends_with(" dài…") || r.title.ends_with(" đề…") ||
              r.title.ends_with(" Tiêu…"))
      << r.title.substr(r.title.size() - 20);
  Report url;
  url.title = "T";
  url.passages = {"Đoạn."};
  url.url = "https://x.vn/" + std::string(kMaxFieldBytes, 'a');
  try {
    finish_report(url, "feed.jsonl:4");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location(), "feed.jsonl:4");
    EXPECT_NE(std::string(e.what()).find("the url is"), std::string::npos) << e.what();
  }
}

// A source that gives `text` at most `chunk` bytes at a time: line breaks across buffers.
ByteSource pieces(const std::string& text, std::size_t chunk) {
  return [text, chunk, at = std::size_t{0}](char* buffer, std::size_t size) mutable {
    const std::size_t n = std::min({size, chunk, text.size() - at});
    std::copy_n(text.data() + at, n, buffer);
    at += n;
    return n;
  };
}

TEST(LineReader, EveryLineEndingAndLinesTooLongToHold) {
  struct Expected {
    std::string text;
    std::size_t offset;
    bool too_long;
  };
  const struct {
    std::string input;
    std::vector<Expected> lines;
  } cases[] = {
      {"", {}},
      {"a", {{"a", 0, false}}},
      {"a\n", {{"a", 0, false}}},
      {"a\n\n", {{"a", 0, false}, {"", 2, false}}},
      {"một\r\nhai\rba\n", {{"một", 0, false}, {"hai", 7, false}, {"ba", 11, false}}},
      {"\r\r\n\n", {{"", 0, false}, {"", 1, false}, {"", 3, false}}},
      {"ngắn\n" + std::string(20, 'x') + "\nsau",
       {{"ngắn", 0, false}, {"", 7, true}, {"sau", 28, false}}},
      {std::string(11, 'y') + "\r\nz", {{"", 0, true}, {"z", 13, false}}},
  };
  for (const auto& c : cases) {
    for (const std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{1000}}) {
      SCOPED_TRACE(testing::Message() << c.input << " in pieces of " << chunk);
      LineReader reader(pieces(c.input, chunk), 10);
      LineReader::Line line;
      std::size_t i = 0;
      for (; reader.next(line); ++i) {
        ASSERT_LT(i, c.lines.size());
        EXPECT_EQ(line.text, c.lines[i].text);
        EXPECT_EQ(line.offset, c.lines[i].offset);
        EXPECT_EQ(line.too_long, c.lines[i].too_long);
        EXPECT_EQ(line.number, i + 1);
      }
      EXPECT_EQ(i, c.lines.size());
    }
  }
}

TEST(GunzipReader, StopsWhereTheOutputPassesItsLimit) {
  const std::string zeros = gzip(std::string(8 << 20, '\0'));  // 8 MiB in a few KB
  ASSERT_LT(zeros.size(), 64u << 10);
  try {
    gunzip(zeros, 1 << 20);
    FAIL() << "no limit";
  } catch (const DecodeError& e) {
    EXPECT_NE(std::string(e.what()).find("more than 1 MiB"), std::string::npos) << e.what();
    EXPECT_LE(e.offset(), zeros.size());
  }
  EXPECT_EQ(gunzip(zeros, 8 << 20).size(), 8u << 20);
  // Read a little at a time, as the JSON lines reader does.
  std::size_t at = 0;
  GunzipReader reader([&](char* buffer, std::size_t size) {
    const std::size_t n = std::min<std::size_t>({size, 7, zeros.size() - at});
    std::copy_n(zeros.data() + at, n, buffer);
    at += n;
    return n;
  });
  std::size_t total = 0;
  char buffer[333];
  while (const std::size_t n = reader.read(buffer, sizeof buffer)) total += n;
  EXPECT_EQ(total, 8u << 20);
}

}  // namespace
}  // namespace tracuu
