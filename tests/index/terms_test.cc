// How terms are spelt (index/terms.h), for the writer and the query side alike.
#include "index/terms.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "index/model_file.h"
#include "index/writer.h"
#include "ingest/report.h"
#include "segment/words.h"
#include "text/analyze.h"
#include "text/normalize.h"

namespace tracuu {
namespace {

// The one word `text` analyzes into.
Word word_of(std::string_view text) {
  const std::vector<Word> words = analyze(to_nfc(text));
  EXPECT_EQ(words.size(), 1u) << text;
  return words.empty() ? Word{} : words[0];
}

TEST(Terms, WordTermsByForm) {
  struct Case {
    std::string_view typed;
    std::string folded, exact, as_typed;
  };
  const Case cases[] = {
      {"khuyết", "khuyet", "XEkhuyết", "XEkhuyết"},
      {"khuyet", "khuyet", "XEkhuyet", "khuyet"},  // no diacritics: typed is the folded term
      {"Đảng", "dang", "XEđảng", "XEđảng"},
      {"hoà", "hoa", "XEhòa", "XEhòa"},  // canonical tone placement
      {"thuỷ", "thuy", "XEthủy", "XEthủy"},
      {"ho\u0300a", "hoa", "XEhòa", "XEhòa"},  // NFD input
      {"UBND", "ubnd", "XEubnd", "ubnd"},
      {"HĐND", "hdnd", "XEhđnd", "XEhđnd"},
      {"2025", "2025", "XE2025", "2025"},
  };
  for (const Case& c : cases) {
    const Word w = word_of(c.typed);
    EXPECT_EQ(terms::folded(w), c.folded) << c.typed;
    EXPECT_EQ(terms::exact(w), c.exact) << c.typed;
    EXPECT_EQ(terms::typed(w), c.as_typed) << c.typed;
  }
}

TEST(Terms, PrefixedTermsFollowTheSchema) {
  struct Case {
    std::string term, expected;
  };
  const Case cases[] = {
      {terms::exact("khuyết_điểm"), "XEkhuyết_điểm"},
      {terms::title("khuyet"), "Skhuyet"},
      {terms::title("60-nq/tw"), "S60-nq/tw"},  // a title's whole term
      {terms::title_exact("khuyết"), "XTkhuyết"},
      {terms::heading_exact("tội"), "XHtội"},
      {terms::report("000_bc9a3.txt"), "Q000_bc9a3.txt"},
      {terms::source("corpus"), "XScorpus"},
      {terms::ref("NQ-15"), "XRNQ-15"},
      {terms::article("12"), "XA12"},
      {terms::file("/data/a.jsonl"), "XF/data/a.jsonl"},
      {terms::with_prefix("", "khuyet"), "khuyet"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.term, c.expected);
}

TEST(Terms, FitsUpToTheLongestTermKept) {
  struct Case {
    std::string_view prefix;
    std::size_t body_bytes;
    bool fits;
  };
  const Case cases[] = {
      {"", 0, false},  // an empty body is no term, prefixed or not
      {"XE", 0, false},
      {"", 1, true},
      {"", schema::kMaxTermBytes, true},
      {"", schema::kMaxTermBytes + 1, false},
      {"XE", schema::kMaxTermBytes - 2, true},
      {"XE", schema::kMaxTermBytes - 1, false},
      {"S", schema::kMaxTermBytes - 1, true},
      {"S", schema::kMaxTermBytes, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(terms::fits(c.prefix, std::string(c.body_bytes, 'a')), c.fits)
        << c.prefix << " + " << c.body_bytes << " bytes";
  }
  // A path is kept as a file term far beyond a word's length.
  EXPECT_TRUE(terms::file_fits(std::string(238, 'a')));
  EXPECT_FALSE(terms::file_fits(std::string(239, 'a')));
}

TEST(Terms, WordTermsJoinAndSplitTheirUnits) {
  struct Case {
    std::string term;
    std::vector<std::string_view> units;
    bool is_word;
  };
  const Case cases[] = {
      {terms::join_units("khuyet", "diem"), {"khuyet", "diem"}, true},
      {terms::join_units("ung", terms::join_units("thu", "phoi")), {"ung", "thu", "phoi"}, true},
      {terms::join_units("khuyết", "điểm"), {"khuyết", "điểm"}, true},
      {"khuyet", {"khuyet"}, false},
      {"60-nq/tw", {"60-nq/tw"}, false},
      {"", {""}, false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(terms::units_of(c.term), c.units) << c.term;
    EXPECT_EQ(terms::is_word(c.term), c.is_word) << c.term;
    EXPECT_EQ(terms::first_unit(c.term), c.units.front()) << c.term;
  }
  EXPECT_EQ(terms::join_units("khuyet", "diem"), "khuyet_diem");
  EXPECT_EQ(std::string(1, kWordJoiner), "_");  // pinned: databases hold it
}

TEST(Terms, ExactFormOfExactTermsOnly) {
  struct Case {
    std::string_view term, form;
  };
  const Case cases[] = {
      {"XEkhuyết", "khuyết"}, {"XEkhuyết_điểm", "khuyết_điểm"},
      {"khuyet", ""},         {"XTkhuyết", ""},
      {"Skhuyet", ""},        {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(terms::exact_form(c.term), c.form) << c.term;
}

// The word terms a passage is written with are its segmented words, joined unit by unit,
// and the query side splits them back into the passage's folded terms.
TEST(Terms, APassagesWordTermsAreItsSegmentedWords) {
  const Segmenter model = load_model(shipped_model_path());
  Report r;
  r.id = "a.txt";
  r.source = "corpus";
  r.passages = {to_nfc("Ban chấp hành khắc phục khuyết điểm, hạn chế của công tác cán bộ.")};
  const std::vector<Word> words = analyze(r.passages[0]);
  const std::vector<MultiUnitWord> segmented = multi_unit_words(r.passages[0], words, model);
  ASSERT_FALSE(segmented.empty());
  std::set<std::string> expected;
  for (const MultiUnitWord& w : segmented) {
    std::string joined;
    for (std::uint32_t i = w.first_word; i < w.last_word; ++i) {
      joined = joined.empty() ? words[i].folded : terms::join_units(joined, words[i].folded);
    }
    EXPECT_EQ(terms::word(w), joined);
    expected.insert(terms::word(w));
    expected.insert(terms::word_exact(w));
  }
  std::set<std::string> folded, written;
  const Xapian::Document doc = passage_document(r, 0, model);
  for (auto it = doc.termlist_begin(); it != doc.termlist_end(); ++it) {
    if (terms::is_word(*it))
      written.insert(*it);
    else
      folded.insert(*it);
  }
  EXPECT_EQ(written, expected);
  for (const std::string& t : written) {
    const std::string_view form = terms::exact_form(t);
    for (const std::string_view unit : terms::units_of(form.empty() ? t : form)) {
      const std::string unit_term = form.empty() ? std::string(unit) : terms::exact(unit);
      EXPECT_TRUE(folded.count(unit_term)) << t << ": " << unit;
    }
  }
}

}  // namespace
}  // namespace tracuu
