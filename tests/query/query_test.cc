#include "query/query.h"

#include <gtest/gtest.h>

#include "error.h"

namespace tracuu {
namespace {

struct UnitShape {
  std::vector<std::string> folded;
  bool quoted;
  std::vector<std::string> whole_terms;
  bool numeric = false;
};

TEST(ParseQuery, UnitsPhrasesAndCompounds) {
  struct Case {
    std::string query;
    std::vector<UnitShape> units;
  };
  const Case cases[] = {
      {"không né tránh", {{{"khong"}, false, {}}, {{"ne"}, false, {}}, {{"tranh"}, false, {}}}},
      {"\"né tránh\" khuyết điểm",
       {{{"ne", "tranh"}, true, {}}, {{"khuyet"}, false, {}}, {{"diem"}, false, {}}}},
      {"“né tránh”", {{{"ne", "tranh"}, true, {}}}},
      {"\"khong ne tranh", {{{"khong", "ne", "tranh"}, true, {}}}},  // unclosed
      {"Nghị quyết 60-NQ/TW",
       {{{"nghi"}, false, {}},
        {{"quyet"}, false, {}},
        {{"60", "nq", "tw"}, false, {"60-nq/tw", "60nqtw"}}}},
      {"TP.HCM", {{{"tp", "hcm"}, false, {"tp.hcm", "tphcm"}}}},
      {"TPHCM", {{{"tphcm"}, false, {}}}},
      {"Covid-19", {{{"covid", "19"}, false, {"covid-19", "covid19"}}}},
      {"\"ở TP.HCM\"", {{{"o", "tp", "hcm"}, true, {}}}},
      {"2020–2025", {{{"2020", "2025"}, false, {"2020-2025"}, true}}},
      {"16/6", {{{"16", "6"}, false, {"16/6"}, true}}},
      {"16/6/2025", {{{"16", "6", "2025"}, false, {"16/6/2025", "16/6", "6/2025"}, true}}},
      {"12,5", {{{"12", "5"}, false, {"12,5"}, true}}},
      {"ĐẢNG", {{{"dang"}, false, {}}}},
      {"kho\u0302ng", {{{"khong"}, false, {}}}},  // NFD
      {"UBND, HĐND!", {{{"ubnd"}, false, {}}, {{"hdnd"}, false, {}}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    const ParsedQuery q = parse_query(c.query);
    ASSERT_EQ(q.units.size(), c.units.size());
    for (std::size_t i = 0; i < c.units.size(); ++i) {
      std::vector<std::string> folded;
      for (const Word& w : q.units[i].words) folded.push_back(w.folded);
      EXPECT_EQ(folded, c.units[i].folded) << "unit " << i;
      EXPECT_EQ(q.units[i].quoted, c.units[i].quoted) << "unit " << i;
      EXPECT_EQ(q.units[i].whole_terms, c.units[i].whole_terms) << "unit " << i;
      EXPECT_EQ(q.units[i].numeric, c.units[i].numeric) << "unit " << i;
    }
  }
}

TEST(ParseQuery, EachWordIsTypedWithDiacriticsOrNot) {
  // "Ha Nội": the bare "Ha" matches every form, "Nội" prefers itself.
  const ParsedQuery q = parse_query("Ha Nội đã da UBND Đà");
  std::vector<bool> marked;
  for (const QueryUnit& u : q.units) marked.push_back(has_diacritics(u.words[0]));
  EXPECT_EQ(marked, (std::vector<bool>{false, true, true, false, false, true}));
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
