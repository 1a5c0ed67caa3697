#include "ingest/report.h"

#include <gtest/gtest.h>

#include "error.h"

namespace tracuu {
namespace {

TEST(ParseDate, AcceptsBothFormsOfRealDates) {
  struct Case {
    const char* input;
    const char* expected;  // nullptr: rejected
  };
  const Case cases[] = {
      {"20250616", "20250616"},
      {"2025-06-16", "20250616"},
      {"20240229", "20240229"},
      {"20000229", "20000229"},
      {"20230229", nullptr},
      {"19000229", nullptr},
      {"20251301", nullptr},
      {"20250631", nullptr},
      {"20250600", nullptr},
      {"2025-6-16", nullptr},
      {"2025/06/16", nullptr},
      {"16/6/2025", nullptr},
      {"", nullptr},
      {"2025061", nullptr},
      {"2025O616", nullptr},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    const auto got = parse_date(c.input);
    if (c.expected == nullptr) {
      EXPECT_FALSE(got.has_value());
    } else {
      ASSERT_TRUE(got.has_value());
      EXPECT_EQ(*got, c.expected);
    }
  }
}

TEST(ResidueLine, ImagePlaceholdersCaptionsAndLinksAreNotParagraphs) {
  struct Case {
    const char* line;
    bool residue;
  };
  const Case cases[] = {
      {"![]() |", true},
      {"![]() ![]() ![]() |", true},
      {"![ảnh](https://x/y.jpg)", true},
      {"Tổng Bí thư Tô Lâm phát biểu tại buổi làm việc. Ảnh: Nhật Minh. |", true},
      {"Quang cảnh buổi làm việc (Ảnh: Bảo Kỳ).", false},
      {"Hà Nội cần tổ chức tổng kết nhiệm kỳ 2020-2025 một cách nghiêm túc.", false},
      {"a | b", false},
      {"![broken", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(is_residue_line(c.line), c.residue);
  }
}

TEST(IsProse, SentencesAgainstHeadingsBylinesAndNumbers) {
  struct Case {
    const char* paragraph;
    bool prose;
  };
  const Case cases[] = {
      {"Hà Nội cần tổ chức tổng kết nhiệm kỳ 2020-2025 một cách nghiêm túc.", true},
      {"Ông nói: \"Không né tránh khuyết điểm!\"", true},
      {"Trong giai đoạn mới...", true},
      {"dỡ bỏ những rào cản và trì trệ…", true},
      {"Các cơ chế gồm:", true},
      {"Giá cát tăng cao (Ảnh: Bảo Kỳ).", true},
      {"“Thủ đô xanh - thông minh.”", true},
      {"Không né tránh khuyết điểm, không hình thức hóa thành thành tích", false},
      {"Châu Như Quỳnh", false},
      {"149", false},
      {"Marketing", false},
      {"", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.paragraph);
    EXPECT_EQ(is_prose(c.paragraph), c.prose);
  }
}

TEST(ParseTextReport, FrontMatterTitleAndParagraphs) {
  const char* text =
      "# doc_id = news_001\n"
      "# url = https://example.vn/a\n"
      "# date = 20250616\n"
      "\n"
      "  Tiêu đề bài viết  \r\n"
      "Đoạn thứ nhất.\r\n"
      "![]() |\n"
      "Chú thích ảnh. Ảnh: Nhật Minh. |\n"
      "\n"
      "# không phải front matter\n"
      ">> giữa bài: vẫn là đoạn văn\n"
      ">>Bài liên quan\n"
      "\n";
  const Report r = parse_text_report(text, "fallback.txt", "corpus/a.txt");
  EXPECT_EQ(r.id, "news_001");
  EXPECT_EQ(r.url, "https://example.vn/a");
  EXPECT_EQ(r.date, "20250616");
  EXPECT_EQ(r.source, "");  // none in the front matter: the indexing run gives it
  EXPECT_EQ(r.title, "Tiêu đề bài viết");
  ASSERT_EQ(r.passages.size(), 3u);
  EXPECT_EQ(r.passages[0], "Đoạn thứ nhất.");
  EXPECT_EQ(r.passages[1], "# không phải front matter");
  EXPECT_EQ(r.passages[2], ">> giữa bài: vẫn là đoạn văn");
  // The lines of the file where they stand, front matter and left-out lines counted.
  EXPECT_EQ(r.lines, (std::vector<std::size_t>{6, 10, 11}));
}

TEST(ParseTextReport, FallbackIdAndNfcComposition) {
  const Report r = parse_text_report(
      "Tie\u0302\u0301ng Vie\u0323\u0302t\nkhuye\u0302\u0301t \u0111ie\u0302\u0309m\n", "000.txt",
      "000.txt");
  EXPECT_EQ(r.id, "000.txt");
  EXPECT_EQ(r.title, "Tiếng Việt");
  ASSERT_EQ(r.passages.size(), 1u);
  EXPECT_EQ(r.passages[0], "khuyết điểm");
}

TEST(ParseTextReport, ErrorsNameTheLine) {
  struct Case {
    const char* text;
    const char* location;
  };
  const Case cases[] = {
      {"# doc_id = a\n# date = 2025-13-01\nTitle\nBody\n", "f.txt:2"},
      {"# doc_id = \nTitle\nBody\n", "f.txt:1"},
      {"", "f.txt"},
      {"\n\n  \n", "f.txt"},
      {"# doc_id = a\n", "f.txt"},
      {"Only a title\n", "f.txt"},
      {"Title\n![]() |\n", "f.txt"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    try {
      parse_text_report(c.text, "f.txt", "f.txt");
      ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.location(), c.location);
    }
  }
}

TEST(ParseJsonReport, AllFields) {
  const Report r = parse_json_report(
      R"({"id": "r1", "title": "Hội nghị", "body": "Đoạn một.\n\n  Đoạn hai.  \n", )"
      R"("date": "2025-06-16", "source": "Báo X", "url": "https://x.vn"})",
      "feed.jsonl", 3);
  EXPECT_EQ(r.id, "r1");
  EXPECT_EQ(r.title, "Hội nghị");
  EXPECT_EQ(r.date, "20250616");
  EXPECT_EQ(r.source, "Báo X");
  EXPECT_EQ(r.url, "https://x.vn");
  ASSERT_EQ(r.passages.size(), 2u);
  EXPECT_EQ(r.passages[1], "Đoạn hai.");
}

TEST(ParseJsonReport, DefaultsAndNumericId) {
  const Report r = parse_json_report(R"({"id": 42, "title": "T", "body": "B", "date": "20250101"})",
                                     "feed.jsonl", 1);
  EXPECT_EQ(r.id, "42");
  EXPECT_EQ(r.source, "");
  EXPECT_EQ(r.lines, (std::vector<std::size_t>{1}));
  EXPECT_EQ(r.url, "");
  EXPECT_EQ(r.date, "20250101");
}

TEST(ParseJsonReport, TitleMayBeMissingOrBlankAndEveryPassageHasTheLine) {
  for (const char* line : {R"({"id": "a", "body": "Một.\nHai."})",
                           R"({"id": "a", "title": null, "body": "Một.\nHai."})",
                           R"({"id": "a", "title": "  ", "body": "Một.\nHai."})"}) {
    SCOPED_TRACE(line);
    const Report r = parse_json_report(line, "feed.jsonl", 12);
    EXPECT_EQ(r.title, "");
    EXPECT_EQ(r.lines, (std::vector<std::size_t>{12, 12}));
  }
  EXPECT_THROW(parse_json_report(R"({"id": "a", "title": 5, "body": "B"})", "f", 1), InputError);
}

TEST(UrlHost, TheHostInLowerCase) {
  const struct {
    const char* url;
    const char* host;
  } cases[] = {
      {"https://dantri.com.vn/xa-hoi/a.htm", "dantri.com.vn"},
      {"HTTPS://VnExpress.NET:443/a?b=c#d", "vnexpress.net"},
      {"http://user:pw@thuvienphapluat.vn", "thuvienphapluat.vn"},
      {"https://tuoitre.vn?x=1", "tuoitre.vn"},
      {"dantri.com.vn/a", ""},
      {"", ""},
      {"://x", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(url_host(c.url), c.host) << c.url;
}

TEST(ParseTextReport, EveryLineEndingEndsALine) {
  const struct {
    const char* text;
    std::vector<std::string> passages;
  } cases[] = {
      {"Tiêu đề\rĐoạn một.\rĐoạn hai.\r", {"Đoạn một.", "Đoạn hai."}},  // classic Mac OS
      {"Tiêu đề\r\nĐoạn một.\r\n\r\nĐoạn hai.", {"Đoạn một.", "Đoạn hai."}},
      {"Tiêu đề\nĐoạn một.\r\rĐoạn hai.\n", {"Đoạn một.", "Đoạn hai."}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const Report r = parse_text_report(c.text, "f.txt", "f.txt");
    EXPECT_EQ(r.title, "Tiêu đề");
    EXPECT_EQ(r.passages, c.passages);
    EXPECT_EQ(r.lines.size(), r.passages.size());
  }
  try {
    parse_text_report("# doc_id = a\r# date = 2025-13-01\rTitle\rBody\r", "f.txt", "f.txt");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.location(), "f.txt:2");
  }
}

TEST(ParseJsonReport, IntegerIdsOfAnySizeAndBodyLineEndings) {
  const struct {
    const char* line;
    const char* id;
  } cases[] = {
      {R"({"id": 18446744073709551615, "title": "T", "body": "B"})", "18446744073709551615"},
      {R"({"id": 123456789012345678901234567890, "title": "T", "body": "B"})",
       "123456789012345678901234567890"},
      {R"({"id": -99999999999999999999, "title": "T", "body": "B"})", "-99999999999999999999"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(parse_json_report(c.line, "feed.jsonl", 1).id, c.id);
  }
  const Report r = parse_json_report(R"({"id": "a", "title": "T", "body": "Một.\rHai.\r\nBa.\n"})",
                                     "feed.jsonl", 1);
  EXPECT_EQ(r.passages, (std::vector<std::string>{"Một.", "Hai.", "Ba."}));
}

TEST(ParseJsonReport, NumbersOutOfRangeAndDuplicateKeysAreLocatedErrors) {
  const struct {
    const char* line;
    const char* message;
  } cases[] = {
      {R"({"id": "a", "title": "T", "body": "B", "n": 1e400})",
       "number 1e400 out of range at column 45"},
      {R"({"id": "a", "title": "T", "body": "B", "x": [{"y": -1e999}]})", "out of range"},
      {R"({"id": 1e400, "title": "T", "body": "B"})", "out of range"},
      {R"({"id": "a", "title": "T", "body": "B", "id": "b"})", "key \"id\" comes twice"},
      {R"({"id": "a", "title": "T", "title": "U", "body": "B"})", "key \"title\" comes twice"},
      {R"({"id": 1.5, "title": "T", "body": "B"})", "field \"id\" must be a string or an integer"},
      {R"({"id": 1e3, "title": "T", "body": "B"})", "field \"id\" must be a string or an integer"},
      {R"({"id": "a", "title": "T", "body": "B"} x)", "not valid JSON at column"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.line);
    try {
      parse_json_report(c.line, "feed.jsonl", 7);
      ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.location(), "feed.jsonl:7");
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
  // A key twice in a nested object is no report field: nlohmann's rule, the last one.
  EXPECT_EQ(parse_json_report(R"({"id": "a", "title": "T", "body": "B", "x": {"k": 1, "k": 2}})",
                              "feed.jsonl", 1)
                .id,
            "a");
}

TEST(ParseJsonReport, ErrorsNameFileAndLine) {
  const char* bad[] = {
      R"({"id": "a", "title": "T", "body": "B")",  // truncated
      R"(not json)",
      R"(["id", "a"])",
      R"({"title": "T", "body": "B"})",
      R"({"id": "", "title": "T", "body": "B"})",
      R"({"id": "a", "title": "T"})",
      R"({"id": "a", "title": "T", "body": "\n \n"})",
      R"({"id": "a", "title": 5, "body": "B"})",
      R"({"id": "a", "title": "T", "body": "B", "date": "16/6/2025"})",
  };
  for (const char* line : bad) {
    SCOPED_TRACE(line);
    try {
      parse_json_report(line, "feed.jsonl", 7);
      ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.location(), "feed.jsonl:7");
    }
  }
}

}  // namespace
}  // namespace tracuu
