// Turning a ParsedQuery into Xapian queries: the ranking rules of tracuu in one place.
//
// The query's positive parts (clauses: words, compounds, phrases, OR groups, NEAR groups)
// are implicitly ANDed; results come in tiers, each ranked by the same relevance query:
//   1. passages with every part, its words side by side in any order or in the order typed
//      with one word between, each word typed with diacritics in that form; those with the
//      words side by side in the order typed (in the forms typed) first, a tier of their
//      own, where every closeness bonus holds (plan_search: it reads no position but its
//      condition's, and fills the page of common words);
//   2. the same, some word in another diacritic form ("khuyết điềm" typed, "khuyết điểm"
//      written: the tone typed wrong, the words where the reader remembers them);
//   3-4. the same two with the words within n + 2 positions;
//   5-6. the same two with the words anywhere in the passage;
//   7. passages with every part once their report's title counts too (the title is the
//      context of each of its passages, and a report is found by its title);
//   8. passages with only some of the parts, best first rather than nothing.
// Closeness comes before the form typed: a passage with the words together in another
// form is the one meant more often than one with the typed forms scattered ("đã" must
// still not be swamped by da, dạ, đá: within each, the typed form comes first). Tiers
// that cannot differ are left out (one word: no closeness; nothing typed with
// diacritics: no form tiers; a quoted phrase alone: its words are always side by side,
// one closeness level, tiers 1-2 (1 when nothing is typed with diacritics) and 7). A closeness bonus that a tier's condition decides (all of its passages
// have it, or none) is weighed without reading positions, or left out: the same weights.
// A tier as typed is asked only the closeness of the typed forms, which implies that of
// the words: a prefix typed with diacritics is completed only by words whose folded form
// completes the folded word (where the database's cap on completions leaves one out, a
// passage with it falls from the tiers as typed to those in any form).
// Required parts (AND, +) and filters (title:, source:, id:, date:) hold in every tier;
// excluded parts (NOT, -) in none.
//
// A unit is a word, a compound (60-NQ/TW: its whole terms, or its parts as a phrase;
// digits only, 16/6: its whole terms alone), a "quoted phrase", or any of those with its
// other forms (abbreviations); the query's last word also matches as a prefix, completed
// to the words PlanContext::expand_prefix gives. Within a tier, relevance is BM25 over the
// folded words, plus the bonuses of RankingWeights.
// Only Xapian's built-in operators and BM25 are used, so remote databases can serve it.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

#include "query/query.h"

namespace tracuu {

// The weights of relevance within a tier. Figures: bench/README.md, measured on
// news-dantri with tracuu-bench-known-item (spans typed in nine ways, seed 7) and
// tracuu-bench-judged (61 judged questions; nDCG@10 0.643 with these weights).
struct RankingWeights {
  // Factors on the BM25 weight of the matching terms of each bonus subquery.
  // Words in the form typed (words typed with diacritics): orders passages inside the
  // tiers that do not separate them; 1 and 3 measured the same on known items, so the
  // smaller; judged: 0.629 at 0.5, 0.636 at 2.
  double exact = 1.0;
  // All words adjacent and in order: the passage quotes what the reader remembers. At 2,
  // common words let a passage with scattered matches win (exact 0.986 at 500 spans);
  // at 10, 0.989-0.992. Judged questions are not quotes: 5 and 20 measured the same there.
  double phrase = 10.0;
  // A compound's whole terms (60-NQ/TW written whole over 60 NQ TW spaced out, 16/6 over
  // 16/6/2025): 1, 3 and 10 measured the same on known items; at 10 a date in a question
  // ("dịp lễ 30/4") outweighed all its other words (judged nDCG@10 0.638 at 10, 0.643 at 1).
  double whole = 1.0;
  // All words in order within n + 1 positions, one word left out: the inner-word-out form
  // rose from 0.766 (off) to 0.830-0.846; larger values cost the exact forms (gap 10 with
  // phrase 2: exact 0.984, no-diacritics 0.970).
  double gap = 4.0;
  // All words within 2n positions, in any order: neutral on spans cut in order (0 and 1
  // measured the same); kept small for readers who recall the words out of order.
  double near = 1.0;
  // Words of the report's title, context for each of its passages; 0, 0.3 and 1 measured
  // the same on known items, 1 doubled latency; judged: 0.631 at 0, 0.634 at 1.
  double title = 0.3;
  // The query's words of two or more syllables, as the database's segmenter groups them,
  // found as words in the passage ("bộ máy" the apparatus over "bộ" … "máy"). 2: at least
  // as good as 0 in every form on two samples (seeds 7 and 11); 1 and 3 each lost a query
  // in one form. The spans of the benchmark are phrases, which the phrase bonus already
  // finds: words matter most for queries that are not (judged: 0.636 at 0, 0.606 at 4).
  double word = 2.0;
  // (Passages that do not end like a sentence — headings, bylines — are made to weigh
  // less at index time: schema.h, kTermPadding.)
  // A query typed without diacritics: its words in their most likely forms (from the
  // index's statistics, as "did you mean" restores them), and side by side in them:
  // no-diacritics 0.986 (off) to 0.988 on known items.
  double likely = 0.5;
  // The query's last word as a prefix ("khuyết đi" for "khuyết điểm"): the completions
  // weigh half as much as the word as typed, which a complete word should win.
  double prefix = 0.5;
  // Xapian BM25 parameters: b 0.75 over 0.5 (exact 0.992 vs 0.984 with phrase 10);
  // min_normlen 1 stops passages shorter than average (headings, bylines) from gaining
  // weight for being short; neutral on the benchmark. Judged: b 0.5 0.632, 0.9 0.635;
  // k1 0.8 0.639, 1.2 0.635.
  double k1 = 1.0;
  double b = 0.75;
  double min_normlen = 1.0;
};

struct SearchPlan {
  std::vector<Xapian::Query> tiers;  // in rank order; a passage matches at most one
  std::vector<Match> matches;        // how the passages of each tier match
  // The passages with every positive part in their own text (tiers 1-6, not the title
  // context of tier 7): what --count, --facet and --sort date see.
  Xapian::Query all_parts;
  // The relevance query alone: each tier is it, with the tier's condition as a filter.
  Xapian::Query relevance;
};

// What the database adds to a plan.
struct PlanContext {
  // The folded terms of the query's words of two or more units (segment/words.h), from
  // the database's segmentation model.
  std::vector<std::string> word_terms;
  // The terms of the database that begin with a prefix and that the last word may be
  // completed to (the searcher's completion_scope), the most frequent first.
  std::function<std::vector<std::string>(const std::string& prefix)> expand_prefix;
  // For a query typed without diacritics: the exact terms of its words' most likely forms
  // (suggest.h), in query order.
  std::vector<std::string> likely_terms;
};

SearchPlan plan_search(const ParsedQuery& query, const RankingWeights& weights = {},
                       const PlanContext& context = {});

// Whether a date range of a query (YYYYMMDD ends, "" = open) is one Xapian can search.
bool valid_date_range(const std::string& begin, const std::string& end);

}  // namespace tracuu
