#include "query/plan.h"

#include <string>

#include "index/schema.h"

namespace tracuu {
namespace {

Xapian::Query term(const std::string& t) { return Xapian::Query(t); }

std::string exact_term(const Word& w) { return std::string(schema::kPrefixExact) + w.exact; }

Xapian::Query all_of(const std::vector<Xapian::Query>& qs) {
  if (qs.size() == 1) return qs[0];
  return Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
}

Xapian::Query phrase(const std::vector<Word>& words) {
  std::vector<Xapian::Query> terms;
  for (const Word& w : words) terms.push_back(term(w.folded));
  if (terms.size() == 1) return terms[0];
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
}

std::string title_term(const Word& w) { return std::string(schema::kPrefixTitle) + w.folded; }

// Matches the passages that contain the unit in any diacritic form.
Xapian::Query covers(const QueryUnit& u) {
  if (u.quoted || u.whole_folded.empty()) return phrase(u.words);
  return Xapian::Query(Xapian::Query::OP_OR, term(u.whole_folded), phrase(u.words));
}

// Matches the passages whose report title has every word of the unit.
Xapian::Query title_covers(const QueryUnit& u) {
  std::vector<Xapian::Query> in_title;
  for (const Word& w : u.words) in_title.push_back(term(title_term(w)));
  return all_of(in_title);
}

// Matches the passages that contain every lettered word of the unit as typed; empty
// when the unit is all numbers.
Xapian::Query covers_exactly(const QueryUnit& u) {
  std::vector<Xapian::Query> exact;
  for (const Word& w : u.words) {
    if (w.has_letter) exact.push_back(term(exact_term(w)));
  }
  if (exact.empty()) return Xapian::Query();
  return all_of(exact);
}

Xapian::Query scaled(double factor, const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

}  // namespace

SearchPlan plan_search(const ParsedQuery& query, const RankingWeights& weights) {
  std::vector<Word> words;  // every word of the query, in order
  for (const QueryUnit& u : query.units) words.insert(words.end(), u.words.begin(), u.words.end());

  // Relevance.
  std::vector<Xapian::Query> parts;
  std::vector<Xapian::Query> exact_terms, title_terms;
  for (const Word& w : words) {
    parts.push_back(term(w.folded));
    if (query.typed_with_diacritics && w.has_letter) exact_terms.push_back(term(exact_term(w)));
    title_terms.push_back(term(title_term(w)));
  }
  if (!exact_terms.empty()) {
    parts.push_back(scaled(weights.exact, Xapian::Query(Xapian::Query::OP_OR, exact_terms.begin(),
                                                       exact_terms.end())));
  }
  if (words.size() > 1) {
    std::vector<Xapian::Query> folded;
    for (const Word& w : words) folded.push_back(term(w.folded));
    parts.push_back(scaled(weights.phrase, Xapian::Query(Xapian::Query::OP_PHRASE, folded.begin(),
                                                        folded.end())));
    if (weights.gap > 0) {
      parts.push_back(scaled(weights.gap, Xapian::Query(Xapian::Query::OP_PHRASE, folded.begin(),
                                                        folded.end(), folded.size() + 1)));
    }
    parts.push_back(scaled(weights.near, Xapian::Query(Xapian::Query::OP_NEAR, folded.begin(),
                                                      folded.end(), 2 * folded.size())));
  }
  parts.push_back(scaled(weights.title, Xapian::Query(Xapian::Query::OP_OR, title_terms.begin(),
                                                     title_terms.end())));
  Xapian::Query relevance(Xapian::Query::OP_OR, parts.begin(), parts.end());
  if (weights.prose > 0) {
    const Xapian::Query prose((new Xapian::ValueWeightPostingSource(schema::kSlotProse))->release());
    relevance = Xapian::Query(Xapian::Query::OP_AND_MAYBE, relevance, scaled(weights.prose, prose));
  }

  // Tiers.
  std::vector<Xapian::Query> unit_covers, unit_exact, unit_in_context;
  for (const QueryUnit& u : query.units) {
    unit_covers.push_back(covers(u));
    unit_in_context.push_back(Xapian::Query(Xapian::Query::OP_OR, unit_covers.back(), title_covers(u)));
    if (query.typed_with_diacritics) {
      if (Xapian::Query e = covers_exactly(u); !e.empty()) unit_exact.push_back(e);
    }
  }
  const Xapian::Query all_units = all_of(unit_covers);
  auto tier = [&](const Xapian::Query& condition) {
    return Xapian::Query(Xapian::Query::OP_FILTER, relevance, condition);
  };

  SearchPlan plan;
  if (!unit_exact.empty()) {
    const Xapian::Query all_exact = all_of(unit_exact);
    plan.tiers.push_back(tier(Xapian::Query(Xapian::Query::OP_AND, all_units, all_exact)));
    plan.tiers.push_back(tier(Xapian::Query(Xapian::Query::OP_AND_NOT, all_units, all_exact)));
  } else {
    plan.tiers.push_back(tier(all_units));
  }
  // Every unit, some of them only in the report's title: "Tô Lâm" in a title and
  // "khuyết điểm" in a paragraph answer "Tô Lâm khuyết điểm", and a report is found by
  // its title even when no paragraph repeats it.
  const Xapian::Query all_in_context = all_of(unit_in_context);
  plan.tiers.push_back(tier(Xapian::Query(Xapian::Query::OP_AND_NOT, all_in_context, all_units)));
  if (unit_covers.size() > 1) {
    const Xapian::Query any_unit(Xapian::Query::OP_OR, unit_covers.begin(), unit_covers.end());
    plan.tiers.push_back(tier(Xapian::Query(Xapian::Query::OP_AND_NOT, any_unit, all_in_context)));
  }
  return plan;
}

}  // namespace tracuu
