// Sentence splitting of one paragraph, and long paragraphs cut into passages.
#include "text/sentences.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"

namespace tracuu {
namespace {

struct Case {
  std::string_view input;
  std::vector<std::string> expected;
};

std::vector<std::string> sentences_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t previous_end = 0;
  for (const auto& [begin, end] : split_sentences(text)) {
    EXPECT_LT(begin, end);
    EXPECT_LE(previous_end, begin) << "sentences overlap or are out of order";
    EXPECT_LE(end, text.size());
    // Only whitespace between sentences.
    for (std::size_t i = previous_end; i < begin && i < text.size(); ++i) {
      EXPECT_TRUE(text[i] == ' ' || text[i] == '\n' || text[i] == '\t' ||
                  static_cast<unsigned char>(text[i]) >= 0x80)
          << "byte " << i << " is in no sentence";
    }
    previous_end = end;
    if (begin >= end || end > text.size()) continue;
    out.emplace_back(text.substr(begin, end - begin));
  }
  return out;
}

void expect_sentences(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(sentences_of(c.input), c.expected);
  }
}

TEST(SplitSentences, Basics) {
  expect_sentences({
      {"", {}},
      {"   ", {}},
      {"Hội nghị bế mạc.", {"Hội nghị bế mạc."}},
      {"  Hội nghị bế mạc.  ", {"Hội nghị bế mạc."}},
      {"Hội nghị bế mạc", {"Hội nghị bế mạc"}},
      {"Hội nghị bế mạc. Các đại biểu ra về.", {"Hội nghị bế mạc.", "Các đại biểu ra về."}},
      {"Ai chịu trách nhiệm? Bộ trưởng trả lời ngay! Cuộc họp tiếp tục.",
       {"Ai chịu trách nhiệm?", "Bộ trưởng trả lời ngay!", "Cuộc họp tiếp tục."}},
      {"Thật sao?! Đúng vậy.", {"Thật sao?!", "Đúng vậy."}},
      {"Đại biểu chất vấn.\nBộ trưởng trả lời.", {"Đại biểu chất vấn.", "Bộ trưởng trả lời."}},
      {"ĐẢNG BỘ TỈNH. BAN CHẤP HÀNH.", {"ĐẢNG BỘ TỈNH.", "BAN CHẤP HÀNH."}},
      {"Năm nay tăng 7%. 20 tỉnh vượt kế hoạch.", {"Năm nay tăng 7%.", "20 tỉnh vượt kế hoạch."}},
      {"Dự án hoàn thành năm 2025. Theo đó, vốn tăng.",
       {"Dự án hoàn thành năm 2025.", "Theo đó, vốn tăng."}},
      {"Đọc thêm. Đây là câu thứ hai.", {"Đọc thêm.", "Đây là câu thứ hai."}},
  });
}

TEST(SplitSentences, LowerCaseAfterAPeriodContinues) {
  expect_sentences({
      {"Giá gạo, muối v.v. đều tăng.", {"Giá gạo, muối v.v. đều tăng."}},
      {"Anh ấy… không nói gì. Chị ấy cười.", {"Anh ấy… không nói gì.", "Chị ấy cười."}},
      {"Tại sao? vì chưa có kinh phí.", {"Tại sao? vì chưa có kinh phí."}},
      {"Xây dựng nông thôn mới. – Tiếp tục nhé… – ông nói.",
       {"Xây dựng nông thôn mới.", "– Tiếp tục nhé… – ông nói."}},
  });
}

TEST(SplitSentences, Abbreviations) {
  expect_sentences({
      {"Hội thảo ở TP.HCM. Các chuyên gia dự.", {"Hội thảo ở TP.HCM.", "Các chuyên gia dự."}},
      {"Hội thảo ở Tp.HCM thu hút 300 người.", {"Hội thảo ở Tp.HCM thu hút 300 người."}},
      {"UBND TP. Hồ Chí Minh vừa ban hành kế hoạch. Kế hoạch có 5 mục tiêu.",
       {"UBND TP. Hồ Chí Minh vừa ban hành kế hoạch.", "Kế hoạch có 5 mục tiêu."}},
      {"Theo TS. Nguyễn Văn Hùng, cần làm rõ.", {"Theo TS. Nguyễn Văn Hùng, cần làm rõ."}},
      {"PGS.TS. Trần Thị Lan phát biểu. GS. Lê Minh kết luận.",
       {"PGS.TS. Trần Thị Lan phát biểu.", "GS. Lê Minh kết luận."}},
      {"ThS. Phạm Hoa và Th.S. Đỗ Nam trình bày.", {"ThS. Phạm Hoa và Th.S. Đỗ Nam trình bày."}},
      {"GS.TSKH. Vũ Minh Giang nói.", {"GS.TSKH. Vũ Minh Giang nói."}},
      {"Xem tr. 25 của sách.", {"Xem tr. 25 của sách."}},
      {"Nhà thờ St. Paul rất đẹp.", {"Nhà thờ St. Paul rất đẹp."}},
      {"Gạo, muối, v.v. Năm nay giá tăng.", {"Gạo, muối, v.v.", "Năm nay giá tăng."}},
      {"Thượng nghị sĩ John S. McCain phát biểu.", {"Thượng nghị sĩ John S. McCain phát biểu."}},
      {"Ông Jay Y. Lee hầu tòa.", {"Ông Jay Y. Lee hầu tòa."}},
      {"Thai phụ Lữ Thị N. (30 tuổi) đã sinh con.", {"Thai phụ Lữ Thị N. (30 tuổi) đã sinh con."}},
      {"Đối tượng Đặng V. L. (SN 1990) bị bắt.", {"Đối tượng Đặng V. L. (SN 1990) bị bắt."}},
      {"Thị trường Đông Nam Á. Năm 2006 tăng mạnh.",
       {"Thị trường Đông Nam Á.", "Năm 2006 tăng mạnh."}},
      {"Đội bóng dẫn đầu Serie A. Trận tới đá sân nhà.",
       {"Đội bóng dẫn đầu Serie A.", "Trận tới đá sân nhà."}},
      {"Thai phụ là Lữ Thị N. Thời điểm đó cô mang thai.",
       {"Thai phụ là Lữ Thị N.", "Thời điểm đó cô mang thai."}},
      {"Đội tuyển đứng đầu bảng A. Trận sau đá tối mai.",
       {"Đội tuyển đứng đầu bảng A.", "Trận sau đá tối mai."}},
      {"Bệnh nhân N.V.Đ. (SN 1990) đã xuất viện.", {"Bệnh nhân N.V.Đ. (SN 1990) đã xuất viện."}},
      {"Số hàng là của bà T.V.A. Thời điểm kiểm tra là ban đêm.",
       {"Số hàng là của bà T.V.A.", "Thời điểm kiểm tra là ban đêm."}},
      {"Trụ sở ở Q. Bình Thạnh.", {"Trụ sở ở Q. Bình Thạnh."}},
  });
}

TEST(SplitSentences, NumbersDatesAndDocumentNumbers) {
  expect_sentences({
      {"Tỷ lệ đạt 3.5 điểm. Tổng vốn 1.000.000 đồng.",
       {"Tỷ lệ đạt 3.5 điểm.", "Tổng vốn 1.000.000 đồng."}},
      {"Khai mạc ngày 16.6.2025. Bế mạc ngày 20.6.2025.",
       {"Khai mạc ngày 16.6.2025.", "Bế mạc ngày 20.6.2025."}},
      {"Thực hiện Nghị quyết số 60-NQ/TW. Luật số 100/2015/QH13 có hiệu lực.",
       {"Thực hiện Nghị quyết số 60-NQ/TW.", "Luật số 100/2015/QH13 có hiệu lực."}},
      {"Tổng vốn là 1.000.000.", {"Tổng vốn là 1.000.000."}},
  });
}

TEST(SplitSentences, ItemsAndArticleHeads) {
  expect_sentences({
      {"Điều 1. Phạm vi điều chỉnh", {"Điều 1. Phạm vi điều chỉnh"}},
      {"Điều 12. Luật này quy định về báo chí. Luật áp dụng với mọi cơ quan.",
       {"Điều 12. Luật này quy định về báo chí.", "Luật áp dụng với mọi cơ quan."}},
      {"Chương II. QUYỀN CON NGƯỜI", {"Chương II. QUYỀN CON NGƯỜI"}},
      {"ĐIỀU 5. Hiệu lực thi hành", {"ĐIỀU 5. Hiệu lực thi hành"}},
      {"Khoản 2. Người lao động có quyền nghỉ.", {"Khoản 2. Người lao động có quyền nghỉ."}},
      {"1. Báo chí là sản phẩm thông tin.", {"1. Báo chí là sản phẩm thông tin."}},
      {"2.3. Tăng cường kiểm tra.", {"2.3. Tăng cường kiểm tra."}},
      {"a. Tổ chức học tập nghị quyết.", {"a. Tổ chức học tập nghị quyết."}},
      {"a) Tổ chức học tập. b) Sơ kết.", {"a) Tổ chức học tập.", "b) Sơ kết."}},
      {"Điểm a) đã sửa. b) bỏ.", {"Điểm a) đã sửa.", "b) bỏ."}},
      {"II. NHIỆM VỤ VÀ GIẢI PHÁP", {"II. NHIỆM VỤ VÀ GIẢI PHÁP"}},
      {"Gồm hai việc: 1. Kiện toàn bộ máy; 2. Tinh giản biên chế.",
       {"Gồm hai việc: 1. Kiện toàn bộ máy; 2. Tinh giản biên chế."}},
      {"Việc này theo quy định tại Điều 60. Người vi phạm bị xử lý.",
       {"Việc này theo quy định tại Điều 60.", "Người vi phạm bị xử lý."}},
      {"Tỷ số chung cuộc là 2-1. Đội khách bị loại.",
       {"Tỷ số chung cuộc là 2-1.", "Đội khách bị loại."}},
  });
}

TEST(SplitSentences, QuotesBracketsAndEllipsis) {
  expect_sentences({
      {"Ông nói: \"Phải làm ngay.\" Mọi người đồng ý.",
       {"Ông nói: \"Phải làm ngay.\"", "Mọi người đồng ý."}},
      {"Ông nói: “Phải làm ngay.” Mọi người đồng ý.",
       {"Ông nói: “Phải làm ngay.”", "Mọi người đồng ý."}},
      {"“Ai làm?”, ông hỏi. Không ai trả lời.", {"“Ai làm?”, ông hỏi.", "Không ai trả lời."}},
      {"(Bổ sung thêm.) Hội nghị tiếp tục.", {"(Bổ sung thêm.)", "Hội nghị tiếp tục."}},
      {"Kết quả tốt (xem bảng 2). Năm sau tăng.", {"Kết quả tốt (xem bảng 2).", "Năm sau tăng."}},
      {"Chờ đợi... Rồi mọi việc xong.", {"Chờ đợi...", "Rồi mọi việc xong."}},
      {"Chờ đợi… Rồi mọi việc xong.", {"Chờ đợi…", "Rồi mọi việc xong."}},
      {"Văn bản ghi (...) Quốc hội quyết định.", {"Văn bản ghi (...) Quốc hội quyết định."}},
      {"Nghị quyết nêu […] Chính phủ thực hiện.", {"Nghị quyết nêu […] Chính phủ thực hiện."}},
      {"... Và thế là xong.", {"... Và thế là xong."}},
      {"Hỏi: “Bao giờ xong?” Đáp: “Tháng sau.”", {"Hỏi: “Bao giờ xong?”", "Đáp: “Tháng sau.”"}},
      {"Xong.\u00a0Tiếp theo.", {"Xong.", "Tiếp theo."}},  // no-break space
      // Any White_Space (text/chars.h), and a zero-width space, as a space.
      {"Xong.\u3000Tiếp theo.", {"Xong.", "Tiếp theo."}},
      {"Xong.\u2028Tiếp theo.", {"Xong.", "Tiếp theo."}},
      {"Xong.\u200BTiếp theo.", {"Xong.", "Tiếp theo."}},
  });
}

// Every byte is covered and nothing breaks on odd input.
TEST(SplitSentences, OddInput) {
  for (std::string_view text : {".", "...", "?!", ". . .", "a.", "A. B. C.", "1.", "“”", "( . )",
                                "Điều", "Điều 1.", "TS.", "\n\n", "x\n", " …"}) {
    SCOPED_TRACE(text);
    std::string joined;
    for (const auto& [begin, end] : split_sentences(text)) {
      ASSERT_LT(begin, end);
      ASSERT_LE(end, text.size());
      joined += text.substr(begin, end - begin);
    }
    std::string non_space;
    for (char c : text) {
      if (c != ' ' && c != '\n') non_space += c;
    }
    std::string joined_non_space;
    for (char c : joined) {
      if (c != ' ' && c != '\n') joined_non_space += c;
    }
    EXPECT_EQ(joined_non_space, non_space);
  }
}

// A sentence of about `bytes` bytes (ASCII words), ending with a period.
std::string sentence(std::size_t bytes, char letter = 'a') {
  std::string s;
  while (s.size() + 6 < bytes) s += std::string(4, letter) + ' ';
  s.resize(bytes - 1, letter);
  s += '.';
  s[0] = static_cast<char>(letter - 'a' + 'A');
  return s;
}

std::vector<std::size_t> sizes(const std::vector<std::string>& passages) {
  std::vector<std::size_t> out;
  for (const std::string& p : passages) out.push_back(p.size());
  return out;
}

TEST(SplitLongParagraph, ShortParagraphsComeBackWhole) {
  const std::string p = "Hội nghị bế mạc. Các đại biểu ra về.";
  EXPECT_EQ(split_long_paragraph(p), std::vector<std::string>{p});
  EXPECT_EQ(split_long_paragraph(""), std::vector<std::string>{""});
  const std::string at_max = sentence(kMaxPassageBytes);
  EXPECT_EQ(split_long_paragraph(at_max), std::vector<std::string>{at_max});
}

TEST(SplitLongParagraph, CutsBetweenSentencesNearTheTarget) {
  struct SizeCase {
    std::vector<std::size_t> sentences;
    std::vector<std::size_t> expected;  // passage sizes (sentences joined by one space)
  };
  const std::vector<SizeCase> cases = {
      {{300, 300, 300, 300}, {601, 601}},
      {{200, 200, 200, 200, 200, 200}, {602, 602}},  // 102 off twice, rather than 99 thrice
      {{100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100}, {605, 504}},
      {{100, 900, 100}, {100, 900, 100}},  // 1001 and 1002 are above the maximum
      {{450, 450, 450}, {450, 450, 450}},
      {{990, 20}, {990, 20}},
      {{2000, 100}, {2000, 100}},  // one sentence above the maximum stays whole
      {{480, 480, 480, 480, 480}, {480, 480, 480, 480, 480}},
  };
  for (const SizeCase& c : cases) {
    std::string paragraph;
    for (std::size_t i = 0; i < c.sentences.size(); ++i) {
      if (i > 0) paragraph += ' ';
      paragraph += sentence(c.sentences[i], static_cast<char>('a' + i));
    }
    SCOPED_TRACE(paragraph.size());
    const std::vector<std::string> passages = split_long_paragraph(paragraph);
    EXPECT_EQ(sizes(passages), c.expected);
    std::string joined;
    for (const std::string& p : passages) joined += (joined.empty() ? "" : " ") + p;
    EXPECT_EQ(joined, paragraph);
  }
}

TEST(SplitLongParagraph, LongSentenceCutAtSemicolonsThenCommas) {
  // An enumeration of articles: one sentence of clauses separated by semicolons.
  std::string enumeration = "Các tội gồm: ";
  for (int article = 188; article < 210; ++article) {
    enumeration +=
        "Điều " + std::to_string(article) + ", các khoản 2 và 3 (tội sản xuất, buôn bán hàng cấm)";
    enumeration += article + 1 < 210 ? "; " : ".";
  }
  ASSERT_GT(enumeration.size(), kMaxPassageBytes);
  const std::vector<std::string> passages = split_long_paragraph(enumeration);
  ASSERT_GE(passages.size(), 2U);
  std::string joined;
  for (const std::string& p : passages) {
    EXPECT_LE(p.size(), kMaxPassageBytes);
    EXPECT_TRUE(p.ends_with(";") || p.ends_with(".")) << p;
    joined += (joined.empty() ? "" : " ") + p;
  }
  EXPECT_EQ(joined, enumeration);

  std::string commas;
  while (commas.size() < 1500) commas += "cán bộ, đảng viên, ";
  commas = "Kiểm điểm " + commas + "nhân dân.";
  const std::vector<std::string> parts = split_long_paragraph(commas, 1000, 500);
  ASSERT_GE(parts.size(), 2U);
  for (const std::string& p : parts) EXPECT_LE(p.size(), 1000U);

  const std::string unbreakable(1500, 'x');
  EXPECT_EQ(split_long_paragraph(unbreakable), std::vector<std::string>{unbreakable});
}

// A clause longer than the hard limit (a line without punctuation) is cut between words.
TEST(SplitLongParagraph, NoPassageIsLongerThanTheHardLimit) {
  std::string words;
  for (int i = 0; words.size() < 20 * kHardMaxPassageBytes; ++i) {
    words += (i % 3 == 0   ? "khuyết"
              : i % 3 == 1 ? "điểm"
                           : "Hà") +
             std::string(i % 7 == 0 ? "  " : " ");
  }
  words.pop_back();
  words.pop_back();
  const std::string unbroken_word(3 * kHardMaxPassageBytes, 'x');
  std::string vietnamese_word;  // two-byte letters, no space
  while (vietnamese_word.size() < 3 * kHardMaxPassageBytes) vietnamese_word += "ả";
  std::string marks = "a";  // combining marks only after one letter
  while (marks.size() < 3 * kHardMaxPassageBytes) marks += "\u0301";
  for (const std::string& text : {words, unbroken_word, vietnamese_word, marks,
                                  sentence(kHardMaxPassageBytes + 1) + " " + words}) {
    SCOPED_TRACE(text.substr(0, 40));
    const std::vector<std::string> passages = split_long_paragraph(text);
    ASSERT_GT(passages.size(), 1u);
    std::string joined;
    for (const std::string& p : passages) {
      EXPECT_LE(p.size(), kHardMaxPassageBytes);
      EXPECT_EQ(find_invalid_utf8(p), kValidUtf8);
      EXPECT_FALSE(p.empty());
      EXPECT_NE(p.front(), ' ');
      EXPECT_NE(p.back(), ' ');
      joined += p;
    }
    std::string non_space;
    for (char c : text) {
      if (c != ' ') non_space += c;
    }
    std::erase(joined, ' ');
    EXPECT_EQ(joined, non_space);
  }
  // Between words, the pieces are as long as an ordinary long paragraph.
  for (const std::string& p : split_long_paragraph(words)) EXPECT_LE(p.size(), kMaxPassageBytes);
  // Up to the hard limit, one sentence still stays whole.
  const std::string at_limit = sentence(kHardMaxPassageBytes);
  EXPECT_EQ(split_long_paragraph(at_limit), std::vector<std::string>{at_limit});
}

TEST(FirstWords, CutsBetweenWords) {
  EXPECT_EQ(first_words("không né tránh", 100), "không né tránh");
  EXPECT_EQ(first_words("không né tránh", 10), "không né");  // "không né t" would cut a word
  EXPECT_EQ(first_words("không  né tránh", 8), "không");
  EXPECT_EQ(first_words("khuyếtđiểm", 8), "khuyết");  // no space: between characters
}

TEST(SplitLongParagraph, CustomSizes) {
  const std::string p = "Một hai ba. Bốn năm sáu. Bảy tám chín. Mười một.";
  EXPECT_EQ(split_long_paragraph(p, 32, 25),
            (std::vector<std::string>{"Một hai ba. Bốn năm sáu.", "Bảy tám chín. Mười một."}));
}

}  // namespace
}  // namespace tracuu
