// Turning a ParsedQuery into Xapian queries: what a query matches and how its passages rank.
//
// What a word matches: typed with a diacritic (a tone mark, â ă ê ô ơ ư, or đ), that form
// (its exact term: the same letters and marks, whatever the case, tone placement or Unicode
// form); typed without any, every form (its folded term). A unit (a word, a compound, a
// quoted phrase, or any of these with its other forms: abbreviations) as typed is what
// SearchPlan::all_parts asks of every passage it counts.
//
// How a passage is scored (RankingWeights): BM25 of the words as typed, of their other
// diacritic forms and the last word's completions at a fraction, of the report's title as
// context; plus its closeness: the passages meet parts by how close the words are (side by
// side in order; in any order; nearly; near), each a constant more, and the parts are
// merged by weight; plus, for the best of them, evidence from the passage and its report
// (Evidence). The words side by side in the order and forms typed (the phrase as typed)
// are a tier of their own, first.
//
// Only Xapian's built-in operators and BM25 are used, so that remote databases serve it.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

#include "query/query.h"

namespace tracuu {

// The weights of relevance (bench/README.md "How the ranking weights were chosen").
struct RankingWeights {
  // Factors on the BM25 weight of the terms of each kind.
  double exact = 1.0;   // a word typed with diacritics, in that form
  double forms = 0.25;  // the same word in its other diacritic forms (its folded term)
  double whole = 1.0;   // a compound's whole terms (60-NQ/TW written whole)
  double title = 0.3;   // the report's title and article heading, as context of a passage
  double word = 2.0;    // the query's words of several syllables, as the segmenter groups them
  double likely = 0.5;  // a query typed without diacritics: its words' most likely forms
  double prefix = 0.5;  // the last word's completions (search as you type)
  // Closeness, a constant on each passage with the query's words so close, in multiples
  // of the sum of their idf as typed: side by side in order (also the first tier's), side
  // by side in any order, in order with one word between, within n + 2 positions, within
  // 2n. In other forms, `other_forms_closeness` of the multiple of their idf in any form.
  double phrase = 12.0;
  double adjacent = 10.0;
  double gap = 11.0;
  double close = 6.0;
  double near = 3.0;
  double other_forms_closeness = 1.0;  // in other forms: this multiple of their idf in any form
  // A query naming an article ("Điều 25 Hiến pháp"): the passages of that article are its
  // two words side by side in order (`phrase`); those of the document the rest of the query
  // names in its title, this multiple of the whole query's idf.
  double article = 24.0;
  // Evidence the best candidates are reranked by (SearchPlan::evidence), in multiples of a
  // word's idf: each word in the passage as typed (in another form: `forms` of it), in the
  // passage's context (its report's title, its article's heading) as typed, in its report.
  double coverage = 2.0;
  double report = 4.0;
  double title_coverage = 1.0;
  unsigned window = 100;  // how many of the last tier's best candidates are reranked
  // Xapian BM25 parameters.
  double k1 = 1.0;
  double b = 0.75;
  double min_normlen = 1.0;
};

// One of the query's words as evidence (the second stage of relevance): where it stands as
// typed (with its unit's other forms: UBND for Ủy ban nhân dân), in any form, in the
// passage's context as typed (its article's heading; typed without diacritics, the title's
// and heading's folded words), and in the report's title as typed (on its first passage).
// The searcher reads which of these each of the best candidates and their reports have in
// one match; a word weighs its idf as typed.
struct Evidence {
  Xapian::Query typed, any, context, title;
  double idf = 0;
};

struct SearchPlan {
  // Every positive part in the passage's own text as typed, the required parts as typed,
  // the filters, none of the excluded parts: what --count, --facet, --sort date and
  // --strict see, and the "all" label.
  Xapian::Query all_parts;
  // Every positive part in its own text in some form (another diacritic form, the last
  // word completed): the "forms" label.
  Xapian::Query every_part;
  // Every positive part in its own text or in its report's title: the "title" label.
  Xapian::Query in_context;
  // The ranking, in tiers: every passage of a tier comes before the next tier's. A tier is
  // the union of parts, each ranked by its own query; their passages are merged by weight
  // (weights of one tier compare). A passage may be in several parts of a tier, each giving
  // it `words` and a constant (a part's own, or within a part the largest of the closeness
  // conditions it meets): its weight is the largest. No passage is in two tiers.
  using Tier = std::vector<Xapian::Query>;
  std::vector<Tier> tiers;
  // Every passage the ranking holds (one of the units in its own text, in some form).
  Xapian::Query candidates;
  // The relevance query before closeness, an OR of terms (matching any passage with one of
  // them, a filter decides which): the order of the passages of one date (--sort date).
  Xapian::Query words;
  // The query's words, as evidence for reranking the best passages of each tier.
  std::vector<Evidence> evidence;
};

// What the database lends a plan.
struct PlanContext {
  // The folded terms of the query's words of two or more units (segment/words.h), from
  // the database's segmentation model.
  std::vector<std::string> word_terms;
  // The terms of the database that begin with a prefix and that the last word may be
  // completed to (as the searcher scopes them: Searcher::search), the most frequent first.
  std::function<std::vector<std::string>(const std::string& prefix)> expand_prefix;
  // For a query typed without diacritics: the exact terms of its words' most likely forms
  // (suggest.h), in query order.
  std::vector<std::string> likely_terms;
  // A term's idf in the database (without it: 1).
  std::function<double(const std::string& term)> idf;
  // The report ids of the passages `title` matches: a report's title with positions and
  // exact forms is on its first passage only (schema.h), so a title: filter is the reports
  // found there. Without it (tests), title: filters read the folded title words.
  std::function<std::vector<std::string>(const Xapian::Query& title)> reports_where;
};

SearchPlan plan_search(const ParsedQuery& query, const RankingWeights& weights = {},
                       const PlanContext& context = {});

// Whether a date range of a query (YYYYMMDD ends, "" = open) is one Xapian can search.
bool valid_date_range(const std::string& begin, const std::string& end);

}  // namespace tracuu
