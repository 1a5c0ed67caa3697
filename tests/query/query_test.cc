#include "query/query.h"

#include <gtest/gtest.h>

#include "error.h"
#include "query/synonyms.h"

namespace tracuu {
namespace {

// A compact rendering of a parsed query: units as their folded words ("quoted" phrases,
// [whole terms], * for a prefix, {alternatives}), groups as (OR …), (AND …), (NEAR/n …),
// fields as (title …), (source …), (id …), (ref …), (dieu …), (date FROM TO); - excluded, +
// required.
std::string render(const Clause& c);

std::string render_unit(const QueryUnit& u) {
  std::string s;
  for (const Word& w : u.words) s += (s.empty() ? "" : " ") + w.folded;
  if (u.quoted) s = "\"" + s + "\"";
  if (!u.whole_terms.empty()) {
    s += "[";
    for (std::size_t i = 0; i < u.whole_terms.size(); ++i) s += (i ? "," : "") + u.whole_terms[i];
    s += "]";
  }
  if (u.numeric) s += "#";
  if (u.prefix) s += "*";
  if (!u.alternatives.empty()) {
    s += "{";
    for (std::size_t i = 0; i < u.alternatives.size(); ++i)
      s += (i ? "|" : "") + render_unit(u.alternatives[i]);
    s += "}";
  }
  return s;
}

std::string render(const Clause& c) {
  std::string s = c.negated ? "-" : c.required ? "+" : "";
  auto children = [&](const char* name) {
    std::string out = std::string("(") + name;
    for (const Clause& child : c.children) {
      out += ' ';
      out += render(child);
    }
    return out + ")";
  };
  switch (c.kind) {
    case Clause::Kind::kUnit:
      return s + render_unit(c.unit);
    case Clause::Kind::kAll:
      return s + children("AND");
    case Clause::Kind::kAny:
      return s + children("OR");
    case Clause::Kind::kNear:
      return s + children(("NEAR/" + std::to_string(c.window)).c_str());
    case Clause::Kind::kTitle:
      return s + children("title");
    case Clause::Kind::kSource:
      return s + "(source " + c.value + ")";
    case Clause::Kind::kId:
      return s + "(id " + c.value + ")";
    case Clause::Kind::kRef:
      return s + "(ref " + c.value + ")";
    case Clause::Kind::kArticle:
      return s + "(dieu " + c.value + ")";
    case Clause::Kind::kDate:
      return s + "(date " + c.value + " " + c.value_end + ")";
  }
  return s;
}

std::string render(const ParsedQuery& q) {
  std::string s;
  for (const Clause& c : q.clauses) {
    if (!s.empty()) s += ' ';
    s += render(c);
  }
  return s;
}

TEST(ParseQuery, WordsPhrasesCompoundsAndOperators) {
  struct Case {
    std::string query;
    std::string parsed;
  };
  const Case cases[] = {
      {"không né tránh", "khong ne tranh*"},
      {"không né tránh ", "khong ne tranh"},  // a space after the last word: no prefix
      {"\"né tránh\" khuyết điểm", "\"ne tranh\" khuyet diem*"},
      {"“né tránh”", "\"ne tranh\""},
      {"\"khong ne tranh", "\"khong ne tranh\""},  // unclosed: to the end
      {"Nghị quyết 60-NQ/TW", "nghi quyet 60 nq tw[60-nq/tw,60nqtw]"},
      {"TP.HCM", "tp hcm[tp.hcm,tphcm]"},
      {"2020–2025", "2020 2025[2020-2025]#"},
      {"16/6/2025 họp", "16 6 2025[16/6/2025]# hop*"},  // that day: not 16/6 of another year
      {"ĐẢNG kho\u0302ng", "dang khong*"},              // capitals, NFD
      {"UBND, HĐND!", "ubnd hdnd"},
      {"khuyết OR sai lầm", "(OR khuyet (AND sai lam*))"},
      {"(khuyết OR sai) lầm", "(OR khuyet sai) lam*"},
      {"a AND b c", "+a +b c*"},
      {"cán bộ -tham nhũng", "can bo -tham nhung*"},
      {"cán bộ NOT (tham OR nhũng)", "can bo -(OR tham nhung)"},  // ends with ")"
      {"+chuyển đổi", "+chuyen doi*"},
      {"Tô NEAR Lâm", "(NEAR/10 to lam*)"},
      {"Tô NEAR/3 Lâm NEAR Hà", "(NEAR/3 to lam ha*)"},
      {"\"né tránh\" NEAR khuyết", "(NEAR/10 ne tranh khuyet*)"},
      {"title:\"Thành ủy\" cán bộ", "(title \"thanh uy\") can bo*"},
      {"title:Hà x", "(title ha) x*"},
      {"source:dantri id:news_001", "(source dantri) (id news_001)"},
      {"ref:NQ-15 x", "(ref NQ-15) x*"},
      {"ref:15-NQ/TW x", "(ref NQ-15) x*"},
      {"ref:\"Nghị quyết 57\" x", "(ref NQ-57) x*"},
      {"dieu:12 x", "(dieu 12) x*"},
      {"dieu:05A x", "(dieu 5a) x*"},
      {"date:2025-06-01..2025-06-30 x", "(date 20250601 20250630) x*"},
      {"date:2025-06-01.. x", "(date 20250601 ) x*"},
      {"date:..2024-12-31 x", "(date  20241231) x*"},
      {"date:2025 x", "(date 20250101 20251231) x*"},
      {"date:2024-02 x", "(date 20240201 20240229) x*"},
      {"date:16/6/2025 x", "(date 20250616 20250616) x*"},
      {"or and not near", "or and not near*"},  // lower case: words
      {"Ảnh: Nhật Minh", "anh nhat minh*"},     // not a field
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    EXPECT_EQ(render(parse_query(c.query)), c.parsed);
  }
}

// Issue 23: "khuyết -điểm" left out điểm, but with a no-break space (U+00A0) or U+3000
// before the "-" the "-" was read as part of a word, and the query found what it should
// have left out. Every White_Space character separates words and lets an operator start.
TEST(ParseQuery, EveryWhiteSpaceCharacterSeparatesAndOpensAnOperator) {
  const std::string spaces[] = {" ",      "\t",     "\n",     "\r",     "\v",     "\f",
                                "\u0085", "\u00A0", "\u1680", "\u2002", "\u2009", "\u2028",
                                "\u2029", "\u202F", "\u205F", "\u3000"};
  for (const std::string& space : spaces) {
    SCOPED_TRACE(::testing::PrintToString(space));
    EXPECT_EQ(render(parse_query("khuyết" + space + "-điểm")), "khuyet -diem*");
    EXPECT_EQ(render(parse_query("khuyết" + space + "+điểm")), "khuyet +diem*");
    EXPECT_EQ(render(parse_query("cán bộ" + space + "NOT" + space + "nhũng")), "can bo -nhung*");
    EXPECT_EQ(render(parse_query("khuyết" + space + "điểm" + space)), "khuyet diem");  // no prefix
    EXPECT_EQ(render(parse_query("title:Hà" + space + "x")), "(title ha) x*");
  }
  // A hyphen inside a word, or after a zero-width space, opens nothing.
  EXPECT_EQ(render(parse_query("khuyết-điểm")), "khuyet diem[khuyet-diem,khuyetdiem]");
  EXPECT_EQ(render(parse_query("khuyết\u200B-điểm")), "khuyet diem*");
}

TEST(ParseQuery, EachWordIsTypedWithDiacriticsOrNot) {
  // "Ha Nội": the bare "Ha" matches every form, "Nội" prefers itself.
  const ParsedQuery q = parse_query("Ha Nội đã da UBND Đà");
  std::vector<bool> marked;
  for (const QueryUnit* u : q.positive_units()) marked.push_back(has_diacritics(u->words[0]));
  EXPECT_EQ(marked, (std::vector<bool>{false, true, true, false, false, true}));
}

TEST(ParseQuery, TheQueryTextIsComposedAndOffsetsPointIntoIt) {
  const ParsedQuery q = parse_query("khuye\u0302\u0301t \u0111ie\u0302\u0309m");
  EXPECT_EQ(q.text, "khuyết điểm");
  const auto units = q.positive_units();
  ASSERT_EQ(units.size(), 2u);
  const Word& w = units[1]->words[0];
  EXPECT_EQ(q.text.substr(w.start, w.end - w.start), "điểm");
  EXPECT_EQ(w.exact, "điểm");
}

TEST(ParseQuery, MalformedQueriesSayWhereAndWhat) {
  struct Case {
    std::string query;
    std::size_t column;
    const char* message;
  };
  const Case cases[] = {
      {"", 1, "no words"},
      {"   ", 1, "no words"},
      {"...", 1, "nothing to search for"},
      {"\"\"", 1, "empty phrase"},
      {"kh\xF4ng", 1, "UTF-8"},
      {"khuyết (điểm", 8, "never closed"},
      {"khuyết điểm)", 12, "has no \"(\""},
      {"OR khuyết", 1, "OR needs something to search for before it"},
      {"khuyết OR", 8, "OR needs something to search for after it"},
      {"khuyết AND", 8, "AND needs something"},
      {"NOT", 1, "NOT needs"},
      {"x NEAR", 3, "NEAR needs a word after it"},
      {"NEAR x", 1, "NEAR needs a word before it"},
      {"x NEAR/abc y", 3, "NEAR/n wants a distance"},
      {"x NEAR/0 y", 3, "NEAR/n wants a distance"},
      {"x NEAR/99999999999999999999 y", 3, "NEAR/n wants a distance"},
      {"() x", 1, "empty parentheses"},
      {"title:", 1, "title: needs a value"},
      {"date:2025-13-01 x", 6, "date:"},
      {"date:2025..2024 x", 6, "ends before it begins"},
      {"date:yesterday", 6, "date:"},
      {"-khuyết -điểm", 1, "only leaves things out"},
      {"Hà Nội điểm)", 12, "has no \"(\""},  // columns count characters, not bytes
      {std::string(101, '(') + "x" + std::string(101, ')'), 101, "nested more than 100 deep"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    try {
      parse_query(c.query);
      ADD_FAILURE() << "no error";
    } catch (const QueryError& e) {
      EXPECT_EQ(e.column(), c.column) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

// Found fuzzing the parser: each "(" or NOT was a level of recursion, and tracuu-search
// crashed (stack overflow) on 5000 nested parentheses or 30000 NOTs.
TEST(ParseQuery, DeepNestingIsAnErrorNotACrash) {
  auto repeat = [](std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
  };
  EXPECT_NO_THROW(parse_query(std::string(100, '(') + "x" + std::string(100, ')')));
  EXPECT_NO_THROW(parse_query(repeat("NOT ", 100) + "x"));  // even: x is wanted
  for (const std::string& query : {std::string(100000, '(') + "x" + std::string(100000, ')'),
                                   repeat("NOT ", 100000) + "x", repeat("NOT (", 60) + "x"}) {
    try {
      parse_query(query);
      ADD_FAILURE() << "no error";
    } catch (const QueryError& e) {
      // Past kMaxQueryBytes the length is the error; within it, the depth.
      EXPECT_NE(std::string(e.what()).find(
                    query.size() > kMaxQueryBytes ? "at most 1024" : "nested more than 100 deep"),
                std::string::npos)
          << e.what();
    }
  }
}

TEST(ParseQuery, QueriesLongerThanTheLimitAreRefusedWhereTheyPassIt) {
  auto words = [](std::size_t n, std::string_view word) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0) out += ' ';
      out += word;
    }
    return out;
  };
  ASSERT_EQ(kMaxQueryWords, 32u);
  EXPECT_NO_THROW(parse_query(words(32, "của")));
  EXPECT_NO_THROW(parse_query("\"" + words(16, "Hà") + "\" " + words(15, "Nội") + " title:x"));
  std::string long_word(kMaxQueryBytes, 'a');
  EXPECT_NO_THROW(parse_query(long_word));
  const struct {
    std::string query;
    std::size_t column;
    const char* message;
  } cases[] = {
      {words(33, "của"), 32 * 4 + 1, "more than 32 words"},
      {words(100000, "Hà"), 1024 / 4 * 3 + 1, "at most 1024 are searched"},   // "Hà " 4 bytes
      {"\"" + words(40, "Hà") + "\"", 1 + 32 * 3 + 1, "more than 32 words"},  // in a phrase
      {words(31, "và") + " -Covid NOT title:x", 31 * 3 + 18, "more than 32 words"},  // all count
      {words(20, "60-NQ/TW"), 10 * 9 + 7, "more than 32 words"},  // compounds' parts
      {long_word + "b", 1025, "the query is 1025 bytes long"},
      {std::string(1023, 'a') + "ả", 1024, "at most 1024"},  // the character that does not fit
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.query.substr(0, 60));
    try {
      parse_query(c.query);
      ADD_FAILURE() << "no error";
    } catch (const QueryError& e) {
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
      EXPECT_EQ(e.column(), c.column) << e.what();
    }
  }
}

TEST(Synonyms, AbbreviationsAndFullFormsBothWays) {
  Synonyms s;
  s.add("UBND", "Ủy ban nhân dân");
  s.add("TP.HCM", "Thành phố Hồ Chí Minh");
  s.add("TƯ", "Trung ương");
  s.add("BCH TƯ", "Ban Chấp hành Trung ương");
  struct Case {
    std::string query;
    std::string expanded;
  };
  const Case cases[] = {
      {"UBND tỉnh", "ubnd{uy ban nhan dan} tinh*"},
      {"ubnd tỉnh", "ubnd{uy ban nhan dan} tinh*"},
      {"Ủy ban nhân dân tỉnh", "uy ban nhan dan{ubnd} tinh*"},
      {"uy ban nhan dan", "uy ban nhan dan{ubnd}"},  // prefix dropped: a whole form
      {"TP.HCM", "tp hcm[tp.hcm,tphcm]{thanh pho ho chi minh}"},
      {"tp hcm", "tp hcm{thanh pho ho chi minh}"},  // spaced: the phrase finds TP.HCM too
      {"\"Ủy ban nhân dân\"", "\"uy ban nhan dan\"{ubnd}"},
      {"thứ tư", "thu tu*"},  // an ordinary syllable: not TƯ
      {"Ban Chấp hành TƯ", "ban chap hanh tu*{trung uong}"},
      {"BCH TƯ khóa XIII", "bch tu{ban chap hanh trung uong} khoa xiii*"},
      {"-UBND x", "-ubnd{uy ban nhan dan} x*"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.query);
    ParsedQuery q = parse_query(c.query);
    s.expand(q);
    EXPECT_EQ(render(q), c.expanded);
  }
}

}  // namespace
}  // namespace tracuu
