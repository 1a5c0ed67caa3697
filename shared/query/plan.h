// Turning a ParsedQuery into Xapian queries: what a query matches and how its passages rank.
//
// What a word matches: typed with a diacritic (a tone mark, â ă ê ô ơ ư, or đ), that form
// (its exact term: the same letters and marks, whatever the case, tone placement or Unicode
// form); typed without any, every form (its folded term). A unit (a word, a compound, a
// quoted phrase, or any of these with its other forms: abbreviations) as typed is what
// SearchPlan::all_parts asks of every passage it counts.
//
// How a passage is scored (RankingWeights): BM25 of the words as typed, of the other
// diacritic forms and completions of the last word at a fraction, of the report's title as
// context, plus bonuses for the words side by side, in order or near each other. Closeness
// is read where it decides something: the passages fall in disjoint parts by how close the
// words are (side by side in order; nearly so; near; apart), each part's bonuses a factor
// on its words, and the parts are merged by weight. The words side by side in the order
// and forms typed (the phrase as typed) are a tier of their own, first.
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
  double phrase = 10.0;  // every word side by side, in order (any form)
  double whole = 1.0;    // a compound's whole terms (60-NQ/TW written whole)
  double gap = 4.0;      // every word in order within n + 1 positions
  double near = 1.0;     // every word within 2n positions, any order
  double title = 0.3;    // the report's title, as context of each of its passages
  double word = 2.0;     // the query's words of several syllables, as the segmenter groups them
  double likely = 0.5;   // a query typed without diacritics: its words' most likely forms
  double prefix = 0.5;   // the last word's completions (search as you type)
  // Evidence the best candidates are reranked by (SearchPlan::evidence), in multiples of a
  // word's idf: each word in the passage as typed (in another form: `forms` of it), in the
  // passage's report (any of its passages, or its title), in its report's title as typed.
  double coverage = 4.0;
  double report = 4.0;
  double title_coverage = 0.5;
  unsigned window = 100;  // how many of a tier's best candidates are reranked
  // Xapian BM25 parameters.
  double k1 = 1.0;
  double b = 0.75;
  double min_normlen = 1.0;
};

// One of the query's words as evidence (plan.h's second stage): where it stands as typed
// (with its unit's other forms: UBND for Ủy ban nhân dân), in any form, and in the report's
// title as typed. The searcher reads which of these each of the best candidates has, and
// whether its report has the word, in one match; a word weighs its idf, from `rarity`'s
// frequency.
struct Evidence {
  Xapian::Query typed, any, title;
  std::string rarity;
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
  // the union of disjoint parts, each ranked by its own query; their passages are merged by
  // weight (weights of one tier compare). No passage is in two parts of the ranking.
  using Tier = std::vector<Xapian::Query>;
  std::vector<Tier> tiers;
  // Every passage the ranking holds (one of the units in its own text, in some form).
  Xapian::Query candidates;
  // The relevance query without its closeness bonuses, matching no passage of its own:
  // the order of the passages of one date (--sort date).
  Xapian::Query words;
  // The relevance query with every bonus read from positions, matching every passage the
  // ranking holds: each part weighs its passages as this does (tests).
  Xapian::Query relevance;
  // The query's words, as evidence for reranking the best passages of each tier.
  std::vector<Evidence> evidence;
};

// What the database lends a plan.
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
