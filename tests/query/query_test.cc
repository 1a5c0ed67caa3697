#include "query/query.h"

#include <gtest/gtest.h>

#include "error.h"

namespace tracuu {
namespace {

struct UnitShape {
  std::vector<std::string> folded;
  bool quoted;
  std::string whole;
};

TEST(ParseQuery, UnitsPhrasesAndCompounds) {
  struct Case {
    std::string query;
    std::vector<UnitShape> units;
    bool diacritics;
  };
  const Case cases[] = {
      {"không né tránh", {{{"khong"}, false, ""}, {{"ne"}, false, ""}, {{"tranh"}, false, ""}}, true},
      {"khong ne", {{{"khong"}, false, ""}, {{"ne"}, false, ""}}, false},
      {"\"né tránh\" khuyết điểm",
       {{{"ne", "tranh"}, true, ""}, {{"khuyet"}, false, ""}, {{"diem"}, false, ""}},
       true},
      {"“né tránh”", {{{"ne", "tranh"}, true, ""}}, true},
      {"\"khong ne tranh", {{{"khong", "ne", "tranh"}, true, ""}}, false},  // unclosed
      {"Nghị quyết 60-NQ/TW",
       {{{"nghi"}, false, ""}, {{"quyet"}, false, ""}, {{"60", "nq", "tw"}, false, "60-nq/tw"}},
       true},
      {"TP.HCM", {{{"tp", "hcm"}, false, "tp.hcm"}}, false},
      {"\"ở TP.HCM\"", {{{"o", "tp", "hcm"}, true, ""}}, true},
      {"2020–2025", {{{"2020", "2025"}, false, "2020-2025"}}, false},
      {"ĐẢNG", {{{"dang"}, false, ""}}, true},
      {"kho\u0302ng", {{{"khong"}, false, ""}}, true},  // NFD
      {"UBND, HĐND!", {{{"ubnd"}, false, ""}, {{"hdnd"}, false, ""}}, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    const ParsedQuery q = parse_query(c.query);
    EXPECT_EQ(q.typed_with_diacritics, c.diacritics);
    ASSERT_EQ(q.units.size(), c.units.size());
    for (std::size_t i = 0; i < c.units.size(); ++i) {
      std::vector<std::string> folded;
      for (const Word& w : q.units[i].words) folded.push_back(w.folded);
      EXPECT_EQ(folded, c.units[i].folded) << "unit " << i;
      EXPECT_EQ(q.units[i].quoted, c.units[i].quoted) << "unit " << i;
      EXPECT_EQ(q.units[i].whole_folded, c.units[i].whole) << "unit " << i;
    }
  }
}

TEST(ParseQuery, TheQueryTextIsComposedAndOffsetsPointIntoIt) {
  const ParsedQuery q = parse_query("khuye\u0302\u0301t \u0111ie\u0302\u0309m");
  EXPECT_EQ(q.text, "khuyết điểm");
  ASSERT_EQ(q.units.size(), 2u);
  const Word& w = q.units[1].words[0];
  EXPECT_EQ(q.text.substr(w.start, w.end - w.start), "điểm");
  EXPECT_EQ(w.exact, "điểm");
}

TEST(ParseQuery, QueriesWithoutWordsAreErrors) {
  const std::vector<std::string> queries = {"", "   ", "...", "\"\"", "— ! ?", "kh\xF4ng"};
  for (const std::string& q : queries) {
    SCOPED_TRACE(q);
    EXPECT_THROW(parse_query(q), Error);
  }
}

}  // namespace
}  // namespace tracuu
