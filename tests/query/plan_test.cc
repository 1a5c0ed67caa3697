// The Xapian queries plan_search builds for typical queries, pinned as xapian-core's
// queryparser tests pin theirs: what a query matches as typed (SearchPlan::all_parts, what
// --count counts), in any form (every_part, the "forms" label), and the first tier (the
// words side by side as typed, with its closeness constant). A change here changes what a
// reader's query matches: read the new description before updating it.
#include "query/plan.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "query/query.h"

namespace tracuu {
namespace {

// Every term weighs an idf of 1; a title: filter is the reports its join query finds
// (recorded), here the one report "r7".
struct Planned {
  SearchPlan plan;
  std::string join;  // the description of the query reports_where was asked
};

Planned planned(const std::string& text) {
  Planned out;
  PlanContext context;
  context.reports_where = [&out](const Xapian::Query& q) {
    out.join = q.get_description();
    return std::vector<std::string>{"r7"};
  };
  out.plan = plan_search(parse_query(text), RankingWeights(), context);
  return out;
}

TEST(Plan, WhatATypicalQueryMatchesAsTypedAndInAnyForm) {
  struct Case {
    std::string query, as_typed, any_form;
  };
  const std::vector<Case> cases = {
      // A word with a diacritic is its exact term; without, its folded term (every form).
      {"Đảng", "Query(XEđảng)", "Query(dang)"},
      {"dang", "Query(dang)", "Query(dang)"},
      {"ĐẢNG", "Query(XEđảng)", "Query(dang)"},
      {"\xC3\x90\xE1\xBA\xA3ng", "Query(XEđảng)", "Query(dang)"},  // Ð (U+00D0) for Đ
      {"hối lộ", "Query((XEhối AND XElộ))", "Query((hoi AND lo))"},
      {"hoi lộ", "Query((hoi AND XElộ))", "Query((hoi AND lo))"},  // per word
      // Tone placement and Unicode form are one spelling.
      {"Hòa Bình", "Query((XEhòa AND XEbình))", "Query((hoa AND binh))"},
      {"hoà bình", "Query((XEhòa AND XEbình))", "Query((hoa AND binh))"},
      {"ho\xCC\x80"
       "a bi\xCC\x80nh",
       "Query((XEhòa AND XEbình))", "Query((hoa AND binh))"},  // NFD
      {"thuỷ lợi", "Query((XEthủy AND XElợi))", "Query((thuy AND loi))"},
      // A quoted phrase: its words side by side as typed.
      {"\"Tô Lâm\"", "Query((XEtô PHRASE 2 XElâm))", "Query((to PHRASE 2 lam))"},
      {"\"tham nhũng\"", "Query((tham PHRASE 2 XEnhũng))", "Query((tham PHRASE 2 nhung))"},
      // Excluded words, OR.
      {"tham nhũng -vắc", "Query(((tham AND XEnhũng) AND_NOT XEvắc))",
       "Query(((tham AND nhung) AND_NOT XEvắc))"},
      {"Đảng OR đoàn", "Query((XEđảng OR XEđoàn))", "Query((dang OR doan))"},
      // A compound code: written whole, or its parts side by side.
      {"60-NQ/TW", "Query((60-nq/tw OR 60nqtw OR (60 PHRASE 3 nq PHRASE 3 tw)))",
       "Query((60-nq/tw OR 60nqtw OR (60 PHRASE 3 nq PHRASE 3 tw)))"},
      // title: typed with diacritics is the reports found by their first passage's exact
      // title words (below); without, the folded title words on every passage.
      {"title:\"Đảng bộ\" họp", "Query((XEhọp AND Qr7))", "Query((hop AND Qr7))"},
      {"title:dang họp", "Query((XEhọp AND Sdang))", "Query((hop AND Sdang))"},
  };
  for (const Case& c : cases) {
    const Planned p = planned(c.query);
    EXPECT_EQ(p.plan.all_parts.get_description(), c.as_typed) << c.query;
    EXPECT_EQ(p.plan.every_part.get_description(), c.any_form) << c.query;
  }
}

TEST(Plan, ATitleFilterAsTypedIsAJoinOnFirstPassages) {
  const Planned p = planned("title:\"Đảng bộ\" họp");
  EXPECT_EQ(p.join, "Query((VALUE_RANGE 2 \\x80 \\x80 AND (XTđảng PHRASE 2 XTbộ)))");
}

// The first tier: the passages with the words side by side in the forms typed (a word
// typed without diacritics: any form), weighed by relevance plus a constant, `phrase`
// times the words' idf (here 1 each).
TEST(Plan, TheFirstTierIsThePhraseAsTypedWithItsClosenessConstant) {
  struct Case {
    std::string query, first;
  };
  const std::vector<Case> cases = {
      {"hối lộ",
       "Query((((1 * XEhối OR 0.25 * hoi OR 1 * XElộ OR 0.75 * lo OR 0.2999999999999999889 * (Shoi "
       "OR Slo)) "
       "FILTER (XEhối PHRASE 2 XElộ)) AND_MAYBE "
       "PostingSource(Xapian::FixedWeightPostingSource(wt=24))))"},
      {"khong ne tranh khuyet diem",
       "Query((((khong OR ne OR tranh OR khuyet OR 1.5 * diem OR 0.2999999999999999889 * (Skhong "
       "OR Sne OR "
       "Stranh OR Skhuyet OR Sdiem)) FILTER (khong PHRASE 5 ne PHRASE 5 tranh PHRASE 5 khuyet "
       "PHRASE 5 diem)) "
       "AND_MAYBE PostingSource(Xapian::FixedWeightPostingSource(wt=60))))"},
  };
  for (const Case& c : cases) {
    const SearchPlan plan = planned(c.query).plan;
    ASSERT_FALSE(plan.tiers.empty()) << c.query;
    EXPECT_EQ(plan.tiers.front().front().get_description(), c.first) << c.query;
  }
}

// The last tier: the passages with every word in some form (an AND, which drives the
// match) with the constant of the closest condition they meet (OP_MAX, with a zero-weight
// MatchAll: tier_weight_test.cc); every candidate by relevance alone, which Xapian can
// prune, found by its own-text terms with the title's on top; and the first passages of
// reports titled with every word as typed that are not candidates, by their title. A
// passage in two parts weighs the larger (SearchPlan::Tier).
TEST(Plan, TheLastTierAsksClosenessOnlyOfPassagesWithEveryWord) {
  const SearchPlan plan = planned("hối lộ").plan;
  ASSERT_EQ(plan.tiers.size(), 2u);
  ASSERT_EQ(plan.tiers[1].size(), 3u);
  const std::string own = "(1 * XEhối OR 0.25 * hoi OR 1 * XElộ OR 0.75 * lo)";
  const std::string title = "0.2999999999999999889 * (Shoi OR Slo)";
  const std::string relevance =
      "(1 * XEhối OR 0.25 * hoi OR 1 * XElộ OR 0.75 * lo OR " + title + ")";
  const std::string phrase = "(XEhối PHRASE 2 XElộ)";
  auto constant = [](int weight, const std::string& condition) {
    return "(PostingSource(Xapian::FixedWeightPostingSource(wt=" + std::to_string(weight) +
           ")) FILTER " + condition + ")";
  };
  EXPECT_EQ(plan.tiers[1][0].get_description(),
            "Query(((" + relevance + " FILTER ((hoi AND lo) AND_NOT " + phrase + ")) AND_MAYBE (" +
                constant(24, "(hoi PHRASE 2 lo)") + " MAX " + constant(20, "(XEhối NEAR 2 XElộ)") +
                " MAX " + constant(20, "(hoi NEAR 2 lo)") + " MAX " +
                constant(22, "(XEhối PHRASE 3 XElộ)") + " MAX " +
                constant(22, "(hoi PHRASE 3 lo)") + " MAX " + constant(12, "(XEhối NEAR 4 XElộ)") +
                " MAX " + constant(12, "(hoi NEAR 4 lo)") + " MAX 0 * <alldocuments>)))");
  EXPECT_EQ(plan.tiers[1][1].get_description(),
            "Query(((" + own + " AND_MAYBE " + title + ") AND_NOT " + phrase + "))");
  // (A titled passage that is not a candidate has none of the own terms.)
  EXPECT_EQ(plan.tiers[1][2].get_description(),
            "Query((" + title +
                " FILTER ((VALUE_RANGE 2 \\x80 \\x80 AND (XThối AND XTlộ)) AND_NOT (hoi OR lo))))");
}

// Where a unit's words are not evidence each (quoted), the candidates are not the passages
// with an own-text term: the relevance is filtered by them.
TEST(Plan, QuotedWordsRankOnlyThePassagesWithThePhrase) {
  const SearchPlan plan = planned("\"hối lộ\"").plan;
  ASSERT_EQ(plan.tiers.size(), 2u);
  ASSERT_EQ(plan.tiers[1].size(), 2u);  // with every word close (as tested above), and by relevance
  EXPECT_EQ(plan.tiers[1][1].get_description(),
            "Query(((1 * XEhối OR 0.25 * hoi OR 1 * XElộ OR 0.25 * lo OR 0.2999999999999999889 * "
            "(Shoi OR Slo)) "
            "FILTER (((hoi PHRASE 2 lo) OR (VALUE_RANGE 2 \\x80 \\x80 AND (XThối PHRASE 2 XTlộ))) "
            "AND_NOT "
            "(XEhối PHRASE 2 XElộ))))");
}

// An OR with a branch of exclusions only ("-a -b OR c") lets through passages with none of
// the query's words: --count counts them, so the ranking finds them too, at no weight (the
// query fuzzer's count == "all" hits invariant; fuzz/corpus/query/or-of-exclusions-*).
TEST(Plan, PassagesAClauseLetsThroughWithoutItsWordsAreRankedToo) {
  const SearchPlan plan = planned("-a -b OR c").plan;
  EXPECT_EQ(plan.all_parts.get_description(), "Query(((<alldocuments> AND_NOT (a OR b)) OR c))");
  EXPECT_NE(plan.words.get_description().find("0 * <alldocuments>"), std::string::npos);
  EXPECT_EQ(planned("hối lộ").plan.words.get_description().find("<alldocuments>"),
            std::string::npos);
}

}  // namespace
}  // namespace tracuu
