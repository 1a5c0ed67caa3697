// References to party and state documents: keys and spans in text, and keys as typed.
#include "text/refs.h"

#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tracuu {
namespace {

// A reference as the tests see it: its key and the text its span covers.
struct Ref {
  std::string key;
  std::string text;
  bool operator==(const Ref&) const = default;
};

void PrintTo(const Ref& r, std::ostream* os) { *os << r.key << " \"" << r.text << '"'; }

struct Case {
  std::string_view input;
  std::vector<Ref> expected;
};

std::vector<Ref> refs_of(std::string_view text) {
  std::vector<Ref> out;
  std::size_t previous_end = 0;
  for (const DocumentRef& r : find_refs(text)) {
    EXPECT_LT(r.begin, r.end);
    EXPECT_LE(previous_end, r.begin) << "references overlap or are out of order";
    EXPECT_LE(r.end, text.size());
    previous_end = r.end;
    if (r.begin >= r.end || r.end > text.size()) continue;
    out.push_back({r.key, std::string(text.substr(r.begin, r.end - r.begin))});
  }
  return out;
}

void expect_refs(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(refs_of(c.input), c.expected);
  }
}

TEST(FindRefs, KindWordAndNumber) {
  expect_refs({
      {"Thực hiện Nghị quyết 60 của Bộ Chính trị.", {{"NQ-60", "Nghị quyết 60"}}},
      {"Thực hiện Nghị quyết số 60 của Bộ Chính trị.", {{"NQ-60", "Nghị quyết số 60"}}},
      // Spaces within a line (text/chars.h is_inline_space) are spaces; a line break is not.
      {"Thực hiện Nghị\u00A0quyết\u3000số\u205F60.",
       {{"NQ-60", "Nghị\u00A0quyết\u3000số\u205F60"}}},
      {"THỰC HIỆN NGHỊ QUYẾT SỐ 60 CỦA BỘ CHÍNH TRỊ", {{"NQ-60", "NGHỊ QUYẾT SỐ 60"}}},
      {"Thuc hien Nghi quyet 60 cua Bo Chinh tri", {{"NQ-60", "Nghi quyet 60"}}},
      {"Nghị quyết 60 đi vào cuộc sống.", {{"NQ-60", "Nghị quyết 60"}}},
      {"Tổng kết Kết luận 150 của Bộ Chính trị.", {{"KL-150", "Kết luận 150"}}},
      {"Thực hiện Chỉ thị 5 và Chỉ thị số 05.", {{"CT-5", "Chỉ thị 5"}, {"CT-5", "Chỉ thị số 05"}}},
      {"Thủ tướng ký Quyết định 587 ngày 3/4.", {{"QD-587", "Quyết định 587"}}},
      {"Thực hiện quyết định số 669 của tỉnh.", {{"QD-669", "quyết định số 669"}}},
      {"Vi phạm Quy định 205 của Bộ Chính trị.", {{"QDI-205", "Quy định 205"}}},
      {"Theo Nghị định 100, lái xe bị phạt.", {{"ND-100", "Nghị định 100"}}},
      {"Thông tư 09 có hiệu lực từ tháng 3.", {{"TT-9", "Thông tư 09"}}},
      {"Áp dụng Luật số 34 sửa đổi.", {{"LUAT-34", "Luật số 34"}}},
      {"Sở xây dựng kế hoạch số 22 về phòng dịch.", {{"KH-22", "kế hoạch số 22"}}},
      {"Thủ tướng có công điện số 541 về phòng dịch.", {{"CD-541", "công điện số 541"}}},
      {"Nghị định 137/2015 hướng dẫn luật.", {{"ND-137/2015", "Nghị định 137/2015"}}},
      {"Theo Thông tư 08-2017 của Bộ.", {{"TT-8/2017", "Thông tư 08-2017"}}},
      {"Nghị định số 15/CP của Chính phủ.", {{"ND-15/CP", "Nghị định số 15/CP"}}},
  });
}

TEST(FindRefs, PartyNumbers) {
  expect_refs({
      {"Nghị quyết số 15-NQ/TW ngày 28/7/2022.", {{"NQ-15", "Nghị quyết số 15-NQ/TW"}}},
      {"Thực hiện theo 60-NQ/TW.", {{"NQ-60", "60-NQ/TW"}}},
      {"Nghị quyết 57-NQ/TW và 59-NQ/TW của Bộ Chính trị.",
       {{"NQ-57", "Nghị quyết 57-NQ/TW"}, {"NQ-59", "59-NQ/TW"}}},
      {"Chỉ thị 05-CT/TW về học tập và làm theo.", {{"CT-5", "Chỉ thị 05-CT/TW"}}},
      {"Quy định 08-QĐi/TW về trách nhiệm nêu gương.", {{"QDI-8", "Quy định 08-QĐi/TW"}}},
      {"Thực hiện Quy định 205-QĐ/TW về kiểm soát quyền lực.", {{"QDI-205", "Quy định 205-QĐ/TW"}}},
      {"Ban hành kèm theo 99-QĐ/TW.", {{"QD-99", "99-QĐ/TW"}}},
      {"Kết luận số 27-KL/TW về chiến lược.", {{"KL-27", "Kết luận số 27-KL/TW"}}},
      {"Theo Hướng dẫn 36-HD/BTCTW ngày 20/1.", {{"HD-36/BTCTW", "Hướng dẫn 36-HD/BTCTW"}}},
      {"Tại Thông báo số 203-TB/TU ngày 28/4.", {{"TB-203/TU", "Thông báo số 203-TB/TU"}}},
      {"Nghị quyết 24-NQ/TU của Tỉnh ủy.", {{"NQ-24/TU", "Nghị quyết 24-NQ/TU"}}},
      {"Nghị quyết 29-NQ-TƯ về đổi mới giáo dục.", {{"NQ-29", "Nghị quyết 29-NQ-TƯ"}}},
      {"Nghị quyết 05-NQ/TƯ.", {{"NQ-5", "Nghị quyết 05-NQ/TƯ"}}},
  });
}

TEST(FindRefs, StateNumbers) {
  expect_refs({
      {"Quyết định số 1234/QĐ-TTg của Thủ tướng.", {{"QD-1234/TTG", "Quyết định số 1234/QĐ-TTg"}}},
      {"Theo Chỉ thị 16/CT-TTg, người dân ở nhà.", {{"CT-16/TTG", "Chỉ thị 16/CT-TTg"}}},
      {"Nghị quyết số 21/NQ-CP về vắc xin.", {{"NQ-21/CP", "Nghị quyết số 21/NQ-CP"}}},
      {"Công điện 01/CĐ-TTg về phòng dịch.", {{"CD-1/TTG", "Công điện 01/CĐ-TTg"}}},
      {"Luật số 100/2015/QH13 có hiệu lực.", {{"LUAT-100/2015/QH13", "Luật số 100/2015/QH13"}}},
      {"Luật số: 103/2016/QH13", {{"LUAT-103/2016/QH13", "Luật số: 103/2016/QH13"}}},
      {"Số: 100/2015/QH13", {{"LUAT-100/2015/QH13", "100/2015/QH13"}}},
      {"Theo Bộ luật Hình sự số 100/2015/QH13 thì", {{"LUAT-100/2015/QH13", "100/2015/QH13"}}},
      {"của Luật Phòng, chống tham nhũng số 36/2018/QH14.",
       {{"LUAT-36/2018/QH14", "36/2018/QH14"}}},
      {"sửa đổi theo Nghị quyết số 51/2001/QH10 ngày 25/12/2001",
       {{"NQ-51/2001/QH10", "Nghị quyết số 51/2001/QH10"}}},
      {"theo Nghị quyết của Quốc hội số 51/2001/QH10", {{"NQ-51/2001/QH10", "51/2001/QH10"}}},
      {"Nghị quyết 35/2018/UBTVQH14 và 35/2018/UBTVQH14",
       {{"NQ-35/2018/UBTVQH14", "Nghị quyết 35/2018/UBTVQH14"},
        {"NQ-35/2018/UBTVQH14", "35/2018/UBTVQH14"}}},
      {"Pháp lệnh số 15/2011/PL-UBTVQH12 hết hiệu lực.",
       {{"PL-15/2011/UBTVQH12", "Pháp lệnh số 15/2011/PL-UBTVQH12"}}},
      {"Nghị định 15/2020/NĐ-CP quy định xử phạt.", {{"ND-15/2020/CP", "Nghị định 15/2020/NĐ-CP"}}},
      {"theo 15/2020/NĐ-CP", {{"ND-15/2020/CP", "15/2020/NĐ-CP"}}},
      {"Thông tư 36/2017/TT-BGDĐT ngày 28/12/2017",
       {{"TT-36/2017/BGDDT", "Thông tư 36/2017/TT-BGDĐT"}}},
      {"Thông tư liên tịch số 01/2014/TTLT-BTP-BNV",
       {{"TTLT-1/2014/BTP-BNV", "Thông tư liên tịch số 01/2014/TTLT-BTP-BNV"}}},
      {"Nghị quyết liên tịch số 09/2008/NQLT-CP-UBTWMTTQVN",
       {{"NQLT-9/2008/CP-UBTWMTTQVN", "Nghị quyết liên tịch số 09/2008/NQLT-CP-UBTWMTTQVN"}}},
      {"Quyết định 07/2021/QĐ-TTg", {{"QD-7/2021/TTG", "Quyết định 07/2021/QĐ-TTg"}}},
  });
}

TEST(FindRefs, Constitution) {
  expect_refs({
      {"Hiến pháp năm 2013 quy định", {{"HP-2013", "Hiến pháp năm 2013"}}},
      {"kế thừa Hiến pháp 1946, Hiến pháp năm 1992",
       {{"HP-1946", "Hiến pháp 1946"}, {"HP-1992", "Hiến pháp năm 1992"}}},
      {"Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;", {}},
      {"Hiến pháp số 15", {}},
  });
}

TEST(FindRefs, NotReferences) {
  expect_refs({
      {"Quyết định này có hiệu lực từ ngày 1/7/2025.", {}},
      {"Xử lý theo quy định của pháp luật.", {}},
      {"Luật này quy định về báo chí.", {}},
      {"Đưa Nghị quyết của Đảng vào cuộc sống.", {}},
      {"Điều 60. Hiệu lực thi hành", {}},
      {"Theo Điều 60 của Luật này.", {}},
      {"Học tập Nghị quyết Trung ương 4 khóa XII.", {}},
      {"Giữ người trái pháp luật 06 người trở lên;", {}},
      {"Bị giới hạn theo quy định 04 lần trở lên.", {}},
      {"Thực hiện nghiêm quy định 5K của Bộ Y tế.", {}},
      {"Hướng dẫn 5 bước rửa tay.", {}},
      {"Kế hoạch 5 năm 2021-2025 được thông qua.", {}},
      {"Xã đã quyết định 2 phương án.", {}},
      {"Trí quyết định 1 mình đi xe máy.", {}},
      {"Chị thì 5 tuổi.", {}},
      {"Luật Giáo dục 2019 có hiệu lực.", {}},
      {"Ngày 16/6/2025, tỷ số 2-1, Covid-19, 3/4 số phiếu.", {}},
      {"Số xe 51A-123.45 và mã QH13-5.", {}},
      {"Nghị quyết 0 và Nghị quyết 1234567.", {}},
      {"Thông báo 18 nhà ngoại giao bị trục xuất.", {}},
  });
}

struct TypedCase {
  std::string_view typed;
  std::optional<std::string> expected;
};

TEST(NormalizeRef, AsTyped) {
  const std::vector<TypedCase> cases = {
      {"NQ-15", "NQ-15"},
      {"nq-15", "NQ-15"},
      {"NQ 15", "NQ-15"},
      {"nq15", "NQ-15"},
      {"NQ-015", "NQ-15"},
      {"  NQ-15  ", "NQ-15"},
      {"NQ-15/TW", "NQ-15"},
      {"15-NQ/TW", "NQ-15"},
      {"15-nq/tw", "NQ-15"},
      {"nghi quyet 15", "NQ-15"},
      {"Nghị quyết số 15", "NQ-15"},
      {"NGHỊ QUYẾT 15", "NQ-15"},
      {"nghị quyết 15-NQ/TW", "NQ-15"},
      {"ct-05", "CT-5"},
      {"chi thi 5", "CT-5"},
      {"quy dinh 8", "QDI-8"},
      {"08-QĐi/TW", "QDI-8"},
      {"QĐi-8", "QDI-8"},
      {"qđ 99", "QD-99"},
      {"kết luận 150", "KL-150"},
      {"LUAT-100/2015/QH13", "LUAT-100/2015/QH13"},
      {"luat-100/2015/qh13", "LUAT-100/2015/QH13"},
      {"luat 100/2015/qh13", "LUAT-100/2015/QH13"},
      {"Luật số 100/2015/QH13", "LUAT-100/2015/QH13"},
      {"100/2015/QH13", "LUAT-100/2015/QH13"},
      {"ND-15/2020/CP", "ND-15/2020/CP"},
      {"ND-15/2020/NĐ-CP", "ND-15/2020/CP"},
      {"nghị định 15/2020/NĐ-CP", "ND-15/2020/CP"},
      {"15/2020/nđ-cp", "ND-15/2020/CP"},
      {"nghi dinh 100", "ND-100"},
      {"1234/QĐ-TTg", "QD-1234/TTG"},
      {"QD-1234/TTg", "QD-1234/TTG"},
      {"thông tư 36/2017/TT-BGDĐT", "TT-36/2017/BGDDT"},
      {"HP-2013", "HP-2013"},
      {"hien phap 2013", "HP-2013"},
      {"Hiến pháp năm 2013", "HP-2013"},
      // NFD input (decomposed diacritics) is composed first.
      {"Nghi\u0323 quyê\u0301t 15", "NQ-15"},
      // White space around it, a no-break space too, as between its words.
      {" \tNQ-15\t ", "NQ-15"},
      {"\u00A0Nghị quyết\u00A015\u00A0", "NQ-15"},
      {"\u3000NQ-15", "NQ-15"},
      {"", std::nullopt},
      {"nghị quyết", std::nullopt},
      {"NQ", std::nullopt},
      {"15", std::nullopt},
      {"NQ-0", std::nullopt},
      {"XYZ-15", std::nullopt},
      {"Điều 60", std::nullopt},
      {"16/6/2025", std::nullopt},
      {"NQ-15 và NQ-16", std::nullopt},
      {"nghị quyết 15 và 16-NQ/TW", std::nullopt},
      {"HP-15", std::nullopt},
      {"NQ-15/", std::nullopt},
  };
  for (const TypedCase& c : cases) {
    SCOPED_TRACE(c.typed);
    EXPECT_EQ(normalize_ref(c.typed), c.expected);
  }
}

// What a reference in text is found as, typed after ref:, gives the same key.
TEST(NormalizeRef, AgreesWithFindRefs) {
  for (std::string_view text :
       {"Nghị quyết số 15-NQ/TW", "Chỉ thị 05-CT/TW", "Quy định 08-QĐi/TW", "Quy định 205-QĐ/TW",
        "Quyết định số 1234/QĐ-TTg", "Luật số 100/2015/QH13", "Nghị định 15/2020/NĐ-CP",
        "Thông tư 36/2017/TT-BGDĐT", "Hiến pháp năm 2013", "Thông báo số 203-TB/TU",
        "Nghị quyết 60", "Chỉ thị 16/CT-TTg", "Nghị định 137/2015",
        "Pháp lệnh số 15/2011/PL-UBTVQH12", "35/2018/UBTVQH14", "Nghị quyết 29-NQ-TƯ"}) {
    SCOPED_TRACE(text);
    const std::vector<DocumentRef> refs = find_refs(text);
    ASSERT_EQ(refs.size(), 1U);
    EXPECT_EQ(normalize_ref(text), refs[0].key);
    EXPECT_EQ(normalize_ref(refs[0].key), refs[0].key);  // a key is its own key
  }
}

}  // namespace
TEST(RefName, KeysAsReadersWriteThem) {
  const struct {
    const char* key;
    const char* name;
  } cases[] = {
      {"ND-86/2015/CP", "Nghị định 86/2015/NĐ-CP"},
      {"ND-86", "Nghị định 86"},
      {"ND-137/2015", "Nghị định 137/2015"},
      {"NQ-57", "Nghị quyết 57"},
      {"NQ-24/TU", "Nghị quyết 24-NQ/TU"},
      {"HD-36/BTCTW", "Hướng dẫn 36-HD/BTCTW"},
      {"CT-16/TTG", "Chỉ thị 16/CT-TTg"},
      {"QD-1234/TTG", "Quyết định 1234/QĐ-TTg"},
      {"QDI-8", "Quy định 8"},
      {"LUAT-100/2015/QH13", "Luật 100/2015/QH13"},
      {"NQ-51/2001/QH10", "Nghị quyết 51/2001/QH10"},
      {"PL-15/2011/UBTVQH12", "Pháp lệnh 15/2011/UBTVQH12"},
      {"HP-2013", "Hiến pháp 2013"},
      {"TT-36/2017/BGDDT", "Thông tư 36/2017/TT-BGDDT"},
      {"CD-1/TTG", "Công điện 1/CĐ-TTg"},
      {"XYZ-1", "XYZ-1"},  // no key: as it is
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ref_name(c.key), c.name) << c.key;
  }
  EXPECT_EQ(ref_kind("ND-86/2015/CP"), "ND");
  EXPECT_EQ(ref_kind("LUAT-100/2015/QH13"), "LUAT");
  EXPECT_EQ(ref_kind("XYZ-1"), "");
  EXPECT_TRUE(is_ref_kind("NQ") && is_ref_kind("LUAT") && is_ref_kind("HP"));
  EXPECT_FALSE(is_ref_kind("nq") || is_ref_kind("XYZ") || is_ref_kind(""));
  // Every name read back is the key: the name is a reference find_refs knows.
  for (const char* key :
       {"ND-86/2015/CP", "NQ-24/TU", "CT-16/TTG", "LUAT-100/2015/QH13", "HP-2013", "NQ-57"}) {
    const std::vector<DocumentRef> found = find_refs(ref_name(key));
    ASSERT_EQ(found.size(), 1u) << key;
    EXPECT_EQ(found[0].key, key);
  }
}

}  // namespace tracuu
