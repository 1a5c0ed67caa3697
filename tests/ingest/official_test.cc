// Official documents: header, title, articles and headings (shared/ingest/official.h).
#include "ingest/official.h"

#include <gtest/gtest.h>

#include "error.h"
#include "ingest/report.h"

namespace tracuu {
namespace {

TEST(ArticleHeading, OpensAnArticleOnlyAtAHeading) {
  struct Case {
    const char* line;
    const char* article;  // "" when the line opens none
  };
  const Case cases[] = {
      {"Điều 1. Phạm vi điều chỉnh", "1"},
      {"Điều 12: Quyền của công dân", "12"},
      {"Điều 1.", "1"},
      {"Điều 5a. Điều được bổ sung", "5a"},
      {"ĐIỀU 3. HIỆU LỰC", "3"},
      {"Điều 07.", "7"},
      {"Điều 188", "188"},
      {"Dieu 4. Khong dau", "4"},
      {"Điều này áp dụng cho mọi người.", ""},
      {"Điều kiện thành lập công ty.", ""},
      {"Điều tra viên phải lập biên bản.", ""},
      {"Điều 83 của Hiến pháp quy định.", ""},
      {"Điều 5 và Điều 6 được sửa đổi.", ""},
      {"Theo Điều 2. Các cơ quan", ""},
      {"Điều 12345.", ""},
      {"Điều", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(article_heading(c.line), c.article);
  }
}

TEST(DivisionHeading, ChaptersSectionsAndParts) {
  struct Case {
    const char* line;
    bool heading;
  };
  const Case cases[] = {
      {"Chương I", true},
      {"CHƯƠNG II", true},
      {"Chương 1:", true},
      {"Chương IV. ĐIỀU KHOẢN THI HÀNH", true},
      {"Mục 1. CƠ QUAN CHỦ QUẢN", true},
      {"Phần thứ nhất", true},
      {"PHẦN THỨ HAI", true},
      {"Phần I", true},
      {"Chương trình phát thanh là tập hợp các tin.", false},
      {"Mục tiêu của luật này là bảo vệ.", false},
      {"Mục 1 của Chương này quy định.", false},
      {"Phần lớn cán bộ đồng ý.", false},
      {"Chương", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(is_division_heading(c.line), c.heading);
  }
}

std::vector<DocumentLine> lines_of(const std::vector<std::string>& texts) {
  static std::vector<std::string> keep;  // the views below point into it
  keep = texts;
  std::vector<DocumentLine> lines;
  for (std::size_t i = 0; i < keep.size(); ++i) lines.push_back({keep[i], i + 1});
  return lines;
}

TEST(OfficialDocument, RecognisedByItsHeaderOrItsTitle) {
  EXPECT_TRUE(
      is_official_document(lines_of({"QUỐC HỘI", "--------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                     "Độc lập - Tự do - Hạnh phúc"})));
  EXPECT_TRUE(
      is_official_document(lines_of({"BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG CỘNG SẢN VIỆT NAM"})));
  EXPECT_TRUE(is_official_document(lines_of({"CHÍNH PHỦ", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"})));
  EXPECT_TRUE(is_official_document(lines_of({"LUẬT", "CẢI CÁCH RUỘNG ĐẤT", "Chương 1:"})));
  // News: a title in sentence case, or capitals that name no kind of document.
  EXPECT_FALSE(is_official_document(lines_of({"Tổng Bí thư làm việc với Hà Nội", "Sáng 16/6, …"})));
  EXPECT_FALSE(is_official_document(lines_of({"HÀ NỘI: MƯA LỚN", "Chiều nay trời mưa."})));
  EXPECT_FALSE(is_official_document(lines_of({})));
}

TEST(OfficialDocument, HeaderGivesNumberDateAndTitleNotPassages) {
  Report r;
  parse_official_document(
      lines_of({"QUỐC HỘI", "--------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc", "---------------", "Luật số: 77/2006/QH 11",
                "Hà Nội, ngày 29 tháng 11 năm 2006",
                "QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Khoá XI, kỳ họp thứ 10",
                "LUẬT", "THỂ DỤC, THỂ THAO", "Chương I", "NHỮNG QUY ĐỊNH CHUNG",
                "Điều 1. Phạm vi điều chỉnh", "Luật này quy định về thể dục, thể thao.",
                "Điều 2. Đối tượng", "Luật này áp dụng với mọi người.", "Chương II",
                "THỂ THAO CHO MỌI NGƯỜI"}),
      r);
  EXPECT_EQ(r.title, "LUẬT THỂ DỤC, THỂ THAO");
  EXPECT_EQ(r.number, "77/2006/QH11");
  EXPECT_EQ(r.date, "20061129");
  const std::vector<std::string> passages = {"QUỐC HỘI NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                             "Khoá XI, kỳ họp thứ 10",
                                             "Chương I",
                                             "NHỮNG QUY ĐỊNH CHUNG",
                                             "Điều 1. Phạm vi điều chỉnh",
                                             "Luật này quy định về thể dục, thể thao.",
                                             "Điều 2. Đối tượng",
                                             "Luật này áp dụng với mọi người.",
                                             "Chương II",
                                             "THỂ THAO CHO MỌI NGƯỜI"};
  const std::vector<std::string> articles = {"", "", "", "", "1", "1", "2", "2", "", ""};
  EXPECT_EQ(r.passages, passages);
  EXPECT_EQ(r.articles, articles);
}

// Found in review: capital lines after the national title were taken for the issuer and
// dropped, so a "TỜ TRÌNH" lost its title.
TEST(OfficialDocument, NothingAfterTheNationalTitleIsDropped) {
  Report r;
  parse_official_document(lines_of({"BỘ TƯ PHÁP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                    "Số: 45/TTr-BTP", "TỜ TRÌNH", "VỀ DỰ ÁN LUẬT ĐẤT ĐAI SỬA ĐỔI",
                                    "Kính gửi: Chính phủ.", "Bộ Tư pháp trình dự án luật."}),
                          r);
  EXPECT_EQ(r.title, "TỜ TRÌNH VỀ DỰ ÁN LUẬT ĐẤT ĐAI SỬA ĐỔI");
  EXPECT_EQ(r.number, "45/TTr-BTP");
  EXPECT_EQ(r.passages,
            (std::vector<std::string>{"Kính gửi: Chính phủ.", "Bộ Tư pháp trình dự án luật."}));
  // One line in capitals naming a kind is a news title, not a document's.
  EXPECT_FALSE(is_official_document(lines_of({"BÁO CÁO NHANH", "Chiều nay, hội nghị bế mạc."})));
}

TEST(OfficialDocument, ThroughTheTextFormat) {
  const Report r = parse_text_report(
      "# doc_id = nq-99\nBAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 99-NQ/TW\n"
      "Hà Nội, ngày 12 tháng 3 năm 2025\nNGHỊ QUYẾT\nVỀ THỬ NGHIỆM\nĐiều 1. Phạm vi\nNội dung.\n",
      "fallback", "nq.txt");
  EXPECT_EQ(r.id, "nq-99");
  EXPECT_EQ(r.title, "NGHỊ QUYẾT VỀ THỬ NGHIỆM");
  EXPECT_EQ(r.number, "99-NQ/TW");
  EXPECT_EQ(r.date, "20250312");
  EXPECT_EQ(r.passages, (std::vector<std::string>{"Điều 1. Phạm vi", "Nội dung."}));
  EXPECT_EQ(r.articles, (std::vector<std::string>{"1", "1"}));
  // A title without the header, as old laws have it.
  const Report old = parse_text_report("LUẬT\nCẢI CÁCH RUỘNG ĐẤT\nChương 1:\nĐiều 1.\nMục đích.\n",
                                       "old.txt", "old.txt");
  EXPECT_EQ(old.title, "LUẬT CẢI CÁCH RUỘNG ĐẤT");
  EXPECT_EQ(old.articles, (std::vector<std::string>{"", "1", "1"}));
  // The date in front matter wins over the header's.
  const Report dated = parse_text_report(
      "# date = 20250401\nQUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHà Nội, ngày 1 tháng 1 "
      "năm 2020\nLUẬT\nX\nĐoạn.\n",
      "d.txt", "d.txt");
  EXPECT_EQ(dated.date, "20250401");
}

}  // namespace
}  // namespace tracuu
