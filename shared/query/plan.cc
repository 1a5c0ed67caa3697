#include "query/plan.h"

#include <string>

#include "index/schema.h"

namespace tracuu {
namespace {

Xapian::Query term(const std::string& t) { return Xapian::Query(t); }

std::string exact_term(const Word& w) { return std::string(schema::kPrefixExact) + w.exact; }
std::string title_term(const Word& w) { return std::string(schema::kPrefixTitle) + w.folded; }

Xapian::Query all_of(const std::vector<Xapian::Query>& qs) {
  if (qs.size() == 1) return qs[0];
  return Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
}

Xapian::Query any_of(const std::vector<Xapian::Query>& qs) {
  if (qs.size() == 1) return qs[0];
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

Xapian::Query scaled(double factor, const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

std::vector<Xapian::Query> folded_terms(const std::vector<Word>& words) {
  std::vector<Xapian::Query> terms;
  for (const Word& w : words) terms.push_back(term(w.folded));
  return terms;
}

Xapian::Query phrase(const std::vector<Word>& words) {
  const std::vector<Xapian::Query> terms = folded_terms(words);
  if (terms.size() == 1) return terms[0];
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
}

// Matches the passages that contain the unit in any diacritic form.
Xapian::Query covers(const QueryUnit& u) {
  if (u.whole_terms.empty()) return phrase(u.words);
  std::vector<Xapian::Query> forms;
  for (const std::string& t : u.whole_terms) forms.push_back(term(t));
  if (!u.numeric) forms.push_back(phrase(u.words));  // TP. HCM for TP.HCM
  return any_of(forms);
}

// Matches the passages whose report title has the unit: every word of it (titles have no
// positions), or a compound's whole terms.
Xapian::Query title_covers(const QueryUnit& u) {
  std::vector<Xapian::Query> words;
  for (const Word& w : u.words) words.push_back(term(title_term(w)));
  if (u.whole_terms.empty()) return all_of(words);
  std::vector<Xapian::Query> forms;
  for (const std::string& t : u.whole_terms) forms.push_back(term(std::string(schema::kPrefixTitle) + t));
  if (!u.numeric) forms.push_back(all_of(words));
  return any_of(forms);
}

// Matches the passages that contain, in the form typed, every word of the unit that was
// typed with diacritics; empty when it has none.
Xapian::Query covers_exactly(const QueryUnit& u) {
  std::vector<Xapian::Query> exact;
  for (const Word& w : u.words) {
    if (has_diacritics(w)) exact.push_back(term(exact_term(w)));
  }
  if (exact.empty()) return Xapian::Query();
  return all_of(exact);
}

}  // namespace

SearchPlan plan_search(const ParsedQuery& query, const RankingWeights& weights,
                       const std::vector<std::string>& word_terms) {
  std::vector<Word> words;  // every word of the query, in order
  for (const QueryUnit& u : query.units) words.insert(words.end(), u.words.begin(), u.words.end());
  const std::vector<Xapian::Query> folded = folded_terms(words);

  // Relevance: BM25 on the folded words, plus the bonuses of RankingWeights.
  std::vector<Xapian::Query> parts = folded;
  std::vector<Xapian::Query> exact_terms, whole_terms, title_terms;
  for (const Word& w : words) {
    if (has_diacritics(w)) exact_terms.push_back(term(exact_term(w)));
    title_terms.push_back(term(title_term(w)));
  }
  for (const QueryUnit& u : query.units) {
    for (const std::string& t : u.whole_terms) whole_terms.push_back(term(t));
  }
  if (!exact_terms.empty()) parts.push_back(scaled(weights.exact, any_of(exact_terms)));
  if (!whole_terms.empty()) parts.push_back(scaled(weights.phrase, any_of(whole_terms)));
  if (folded.size() > 1) {
    const Xapian::termcount n = static_cast<Xapian::termcount>(folded.size());
    parts.push_back(scaled(weights.phrase, Xapian::Query(Xapian::Query::OP_PHRASE, folded.begin(),
                                                         folded.end(), n)));
    if (weights.gap > 0) {
      parts.push_back(scaled(weights.gap, Xapian::Query(Xapian::Query::OP_PHRASE, folded.begin(),
                                                        folded.end(), n + 1)));
    }
    if (weights.near > 0) {
      parts.push_back(scaled(weights.near, Xapian::Query(Xapian::Query::OP_NEAR, folded.begin(),
                                                         folded.end(), 2 * n)));
    }
  }
  if (weights.title > 0) parts.push_back(scaled(weights.title, any_of(title_terms)));
  if (weights.word > 0 && !word_terms.empty()) {
    std::vector<Xapian::Query> segmented;
    for (const std::string& t : word_terms) segmented.push_back(term(t));
    parts.push_back(scaled(weights.word, any_of(segmented)));
  }
  Xapian::Query relevance = any_of(parts);
  if (weights.non_prose != 1.0) {
    // A factor, not an addend, so that it weighs the same for short and long queries.
    const Xapian::Query prose = term(std::string(schema::kTermProse));
    relevance = Xapian::Query(
        Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_FILTER, relevance, prose),
        scaled(weights.non_prose, Xapian::Query(Xapian::Query::OP_AND_NOT, relevance, prose)));
  }

  // Tiers.
  std::vector<Xapian::Query> unit_covers, unit_exact, unit_in_context;
  for (const QueryUnit& u : query.units) {
    unit_covers.push_back(covers(u));
    unit_in_context.push_back(Xapian::Query(Xapian::Query::OP_OR, unit_covers.back(), title_covers(u)));
    if (Xapian::Query e = covers_exactly(u); !e.empty()) unit_exact.push_back(e);
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
    plan.tiers.push_back(
        tier(Xapian::Query(Xapian::Query::OP_AND_NOT, any_of(unit_covers), all_in_context)));
  }
  return plan;
}

}  // namespace tracuu
