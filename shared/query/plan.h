// Turning a ParsedQuery into Xapian queries: the ranking rules of tracuu in one place.
//
// Results come in tiers, each ranked by the same relevance query:
//   1. passages with every query unit, each word typed with diacritics in that form (only
//      when some word is: "đã" must not be swamped by da, dạ, đá);
//   2. passages with every query unit in any diacritic form;
//   3. passages with every unit when their report's title counts too (the title is the
//      context of each of its passages, and a report is found by its title);
//   4. passages with only some of the units (best first rather than nothing).
// A unit is a word, a compound (60-NQ/TW: its whole terms, or its parts as a phrase;
// digits only, 16/6: its whole terms alone) or a "quoted phrase". Within a tier, relevance is BM25 over the folded words, plus the
// exact-form terms, a phrase and a proximity bonus, and the report's title as context.
// Only Xapian's built-in operators and BM25 are used, so remote databases can serve it.
#pragma once

#include <xapian.h>

#include <vector>

#include "query/query.h"

namespace tracuu {

// The weights of relevance within a tier. Figures: bench/README.md, measured with
// tracuu-bench-known-item on news-dantri (1,000 spans per form, seed 7).
struct RankingWeights {
  // Factors on the BM25 weight of the matching terms of each bonus subquery.
  // Words in the form typed (words typed with diacritics): orders passages inside the
  // tiers that do not separate them; 1 and 3 measured the same, so the smaller.
  double exact = 1.0;
  // All words adjacent and in order: the passage quotes what the reader remembers. At 2,
  // common words let a passage with scattered matches win (exact 0.986 at 500 spans);
  // at 10, 0.989-0.992. Also the factor on a compound's whole terms (60-NQ/TW written
  // whole over 60 NQ TW spaced out, 16/6 over 16/6/2025).
  double phrase = 10.0;
  // All words in order within n + 1 positions, one word left out: the inner-word-out form
  // rose from 0.766 (off) to 0.830-0.846; larger values cost the exact forms (gap 10 with
  // phrase 2: exact 0.984, no-diacritics 0.970).
  double gap = 4.0;
  // All words within 2n positions, in any order: neutral on spans cut in order (0 and 1
  // measured the same); kept small for readers who recall the words out of order.
  double near = 1.0;
  // Words of the report's title, context for each of its passages; 0, 0.3 and 1 measured
  // the same, 1 doubled latency; 0.3 keeps the title as a tie-breaker.
  double title = 0.3;
  // The query's words of two or more syllables, as the database's segmenter groups them,
  // found as words in the passage ("bộ máy" the apparatus over "bộ" … "máy"). 2: at least
  // as good as 0 in every form on two samples (seeds 7 and 11); 1 and 3 each lost a query
  // in one form. The spans of the benchmark are phrases, which the phrase bonus already
  // finds: words matter most for queries that are not.
  double word = 2.0;
  // Factor on passages that do not end like a sentence (headings, bylines, numbers; see
  // schema.h, kTermProse), so that a paragraph comes before a heading that matches as
  // well ("không né tránh khuyết điểm": the lead paragraph, not the subheading that
  // repeats the words). A factor weighs the same in short and long queries, as an added
  // constant would not.
  double non_prose = 0.75;
  // Xapian BM25 parameters: b 0.75 over 0.5 (exact 0.992 vs 0.984 with phrase 10);
  // min_normlen 1 stops passages shorter than average (headings, bylines) from gaining
  // weight for being short; neutral on the benchmark.
  double k1 = 1.0;
  double b = 0.75;
  double min_normlen = 1.0;
};

struct SearchPlan {
  std::vector<Xapian::Query> tiers;  // in rank order; a passage matches at most one
};

// `word_terms` are the folded terms of the query's words of two or more units
// (segment/words.h), from the database's segmentation model.
SearchPlan plan_search(const ParsedQuery& query, const RankingWeights& weights = {},
                       const std::vector<std::string>& word_terms = {});

}  // namespace tracuu
