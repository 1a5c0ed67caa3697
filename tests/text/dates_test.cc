// The report's date from its text, and the date line of official documents.
#include "text/dates.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {
namespace {

struct HeaderCase {
  std::string_view line;
  std::optional<std::string> expected;
};

TEST(OfficialHeaderDate, PlaceAndDateLines) {
  const std::vector<HeaderCase> cases = {
      {"Hà Nội, ngày 27 tháng 11 năm 2015", "20151127"},
      {"  Hà Nội, ngày 05 tháng 4 năm 2016  ", "20160405"},
      {"Hà Nội, ngày 27 tháng 11 năm 2015.", "20151127"},
      // Pasted text: no-break spaces around it, trimmed as the start always was.
      {"\u00A0Hà Nội, ngày 27 tháng 11 năm 2015.\u00A0", "20151127"},
      {"Hà Nội, ngày 27 tháng 11 năm 2015\u202F\r", "20151127"},
      {"TP. Hồ Chí Minh, ngày 5/8/2020", "20200805"},
      {"Đà Nẵng, ngày 16-6-2025", "20250616"},
      {"ngày 27 tháng 11 năm 2015", "20151127"},
      {"Ha Noi, ngay 27 thang 11 nam 2015", "20151127"},
      {"HÀ NỘI, NGÀY 27 THÁNG 11 NĂM 2015", "20151127"},
      {"Hà Nội, ngày 29 tháng 2 năm 2024", "20240229"},
      {"Hà Nội, ngày 29 tháng 2 năm 2025", std::nullopt},
      {"Hà Nội, ngày 31 tháng 11 năm 2015", std::nullopt},
      {"Hà Nội, ngày 27 tháng 11", std::nullopt},
      {"Hà Nội, ngày 27 tháng 11 năm 2015, Quốc hội họp phiên bế mạc", std::nullopt},
      {"Luật số: 100/2015/QH13", std::nullopt},
      {"Ngày 27/11/2015, Quốc hội thông qua Bộ luật Hình sự.", std::nullopt},
      {"Hà Nội, ngày 16/6/2025/QĐ-UBND", std::nullopt},
      {"", std::nullopt},
  };
  for (const HeaderCase& c : cases) {
    SCOPED_TRACE(c.line);
    EXPECT_EQ(official_header_date(c.line), c.expected);
  }
}

struct Case {
  std::string_view text;
  std::optional<int> year_hint;
  std::optional<std::string> expected;
};

void expect_dates(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(date_from_text(c.text, c.year_hint), c.expected);
  }
}

TEST(DateFromText, OfficialHeader) {
  expect_dates({
      {"QUỐC HỘI\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
       "Luật số: 100/2015/QH13\n\nHà Nội, ngày 27 tháng 11 năm 2015\n\nBỘ LUẬT\nHÌNH SỰ\n"
       "Căn cứ Hiến pháp, ngày 28 tháng 11 năm 2013;",
       std::nullopt, "20151127"},
      {"BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 60-NQ/TW\nHà Nội, ngày 16 tháng 6 năm 2025\nNGHỊ QUYẾT", 2024,
       "20250616"},
  });
}

TEST(DateFromText, FullDates) {
  expect_dates({
      {"Ngày 16/6/2025, Bộ Chính trị họp cho ý kiến.", std::nullopt, "20250616"},
      {"Ngày 16-6-2025, Bộ Chính trị họp.", std::nullopt, "20250616"},
      {"Ngày 16.6.2025, Bộ Chính trị họp.", std::nullopt, "20250616"},
      {"Ngày 16 tháng 6 năm 2025, Bộ Chính trị họp.", std::nullopt, "20250616"},
      {"NGÀY 16 THÁNG 6 NĂM 2025, BỘ CHÍNH TRỊ HỌP.", std::nullopt, "20250616"},
      {"Ngay 16 thang 6 nam 2025, Bo Chinh tri hop.", std::nullopt, "20250616"},
      {"Sáng ngày 16/6/2025, hội nghị khai mạc.", std::nullopt, "20250616"},
      {"Ngày 16/6/2024, hội nghị khai mạc.", 2025, "20240616"},  // written year wins
      {"Ngày 29/2/2024, hội nghị khai mạc.", std::nullopt, "20240229"},
      {"Ngày 29/2/2025, hội nghị khai mạc.", std::nullopt, std::nullopt},
      {"Ngày 31/4/2025, hội nghị khai mạc.", std::nullopt, std::nullopt},
      {"Ngày 16/13/2025, hội nghị khai mạc.", std::nullopt, std::nullopt},
  });
}

TEST(DateFromText, DatelinesWithoutYear) {
  expect_dates({
      {"Sáng 16/6, Tổng Bí thư chủ trì hội nghị.", 2025, "20250616"},
      {"Chiều 16/6, Quốc hội thảo luận ở tổ.", 2025, "20250616"},
      {"Trưa 16/6, đoàn công tác lên đường.", 2025, "20250616"},
      {"Tối nay 16/6, lễ kỷ niệm diễn ra.", 2025, "20250616"},
      {"Tối nay (16/6), lễ kỷ niệm diễn ra.", 2025, "20250616"},
      {"Hôm nay (16/6), Quốc hội bế mạc.", 2025, "20250616"},
      {"Rạng sáng 16/6, mưa lớn gây ngập.", 2025, "20250616"},
      {"Sáng thứ Hai (16/6), Quốc hội họp.", 2025, "20250616"},
      {"Chiều thứ 2, 16/6, Quốc hội họp.", 2025, "20250616"},
      {"Ngày 16/6, Ban Bí thư làm việc với Tỉnh ủy.", 2025, "20250616"},
      {"Chiều ngày 16-6, Ban Bí thư làm việc.", 2025, "20250616"},
      {"Sáng 16.6, Ban Bí thư làm việc.", 2025, "20250616"},
      {"Chiều 16 tháng 6, Ban Bí thư làm việc.", 2025, "20250616"},
      {"Sang 16/6, Bo Chinh tri hop.", 2025, "20250616"},
      {"SÁNG 16/6, BỘ CHÍNH TRỊ HỌP.", 2025, "20250616"},
      {"(Dân trí) - Sáng 16/6, Tổng Bí thư chủ trì hội nghị.", 2025, "20250616"},
      {"HÀ NỘI - Chiều 16/6, Quốc hội thảo luận.", 2025, "20250616"},
      {"Ngày 31/2, hội nghị khai mạc.", 2025, std::nullopt},
      {"Ngày 29/2, hội nghị khai mạc.", 2025, std::nullopt},
      {"Ngày 29/2, hội nghị khai mạc.", 2024, "20240229"},
  });
}

TEST(DateFromText, YearOfADateWrittenWithoutOne) {
  expect_dates({
      // No year hint and no year in the text: no date.
      {"Sáng 16/6, Tổng Bí thư chủ trì hội nghị.", std::nullopt, std::nullopt},
      // The year the dateline's paragraph names, when it names one only.
      {"Sáng 16/6, Hội nghị sơ kết 6 tháng đầu năm 2025 khai mạc.", std::nullopt, "20250616"},
      {"Sáng 16/6, hội nghị sơ kết việc thi hành Luật từ ngày 1/1/2025.", std::nullopt, "20250616"},
      // Several years named: none of them is sure to be the report's.
      {"Sáng 16/6, tăng trưởng năm 2025 vượt năm 2024.", std::nullopt, std::nullopt},
      // Targets, births and comparisons are not the report's year.
      {"Sáng 16/6, hội nghị bàn mục tiêu đến năm 2030.", std::nullopt, std::nullopt},
      {"Sáng 16/6, ông A (sinh ngày 11/9/1976) được bầu.", std::nullopt, std::nullopt},
      {"Sáng 16/6, doanh thu tăng so với cùng kỳ năm 2024.", std::nullopt, std::nullopt},
      // A hint (the file's year) is surer than any of them.
      {"Sáng 16/6, ông A (sinh ngày 11/9/1976) được bầu.", 2025, "20250616"},
      {"Sáng 16/6, tăng trưởng năm 2024 được đánh giá.", 2025, "20250616"},
  });
}

TEST(DateFromText, TheDateThatIntroducesTheReport) {
  expect_dates({
      // The dateline, not the dates it cites.
      {"Sáng 16/6, hội nghị tổng kết Chỉ thị ban hành ngày 12/5.", 2025, "20250616"},
      {"Tổng kết Nghị quyết\nSáng 16/6, Ban Bí thư họp.\nNgày 12/5, Bộ Chính trị đã họp.", 2025,
       "20250616"},
      // A dateline in a later opening paragraph wins over a cited day in the first.
      {"Hội nghị được chuẩn bị từ ngày 12/5.\nSáng 16/6, hội nghị khai mạc.", 2025, "20250616"},
      // No dateline: the first day of this year introduced by a time word.
      {"Trao đổi với phóng viên chiều 16/6, ông Nam cho biết sẽ làm ngay.", 2025, "20250616"},
      // A full date in running text is cited, not the report's.
      {"Hội nghị diễn ra sôi nổi.\nTheo Quyết định ban hành ngày 12/5/2019, tỉnh đã làm.", 2025,
       std::nullopt},
      {"Hội nghị diễn ra sôi nổi.", 2025, std::nullopt},
      {"", 2025, std::nullopt},
  });
}

TEST(DateFromText, NotDates) {
  expect_dates({
      {"Tỷ số chung cuộc 2-1 nghiêng về đội khách.", 2025, std::nullopt},
      {"Có 3/4 số phiếu tán thành.", 2025, std::nullopt},
      {"Dịch vụ trực 24/7.", 2025, std::nullopt},
      {"Thực hiện Nghị quyết 60-NQ/TW.", 2025, std::nullopt},
      {"Ngày 16/6/2025/QĐ-UBND được ban hành.", 2025, std::nullopt},
      {"Sáng 16/6-20/6 diễn ra hội chợ.", 2025, std::nullopt},
      {"Sáng 1.000.000 người đi bầu.", 2025, std::nullopt},
      {"Tôi 16/6 mới về.", 2025, std::nullopt},  // "tôi" (I), not "tối" (evening)
  });
}

}  // namespace
}  // namespace tracuu
