#include "query/plan.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "index/schema.h"
#include "text/analyze.h"

namespace tracuu {
namespace {

Xapian::Query term(const std::string& t) { return Xapian::Query(t); }

Xapian::Query all_of(const std::vector<Xapian::Query>& qs) {
  if (qs.empty()) return Xapian::Query::MatchAll;
  if (qs.size() == 1) return qs[0];
  return Xapian::Query(Xapian::Query::OP_AND, qs.begin(), qs.end());
}

Xapian::Query any_of(const std::vector<Xapian::Query>& qs) {
  if (qs.empty()) return Xapian::Query::MatchNothing;
  if (qs.size() == 1) return qs[0];
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

Xapian::Query scaled(double factor, const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

// (Only in conditions, which weigh nothing: a MatchAll operand is left out rather than
// iterated beside the other.)
Xapian::Query and_q(const Xapian::Query& a, const Xapian::Query& b) {
  if (b.get_type() == Xapian::Query::LEAF_MATCH_ALL) return a;
  if (a.get_type() == Xapian::Query::LEAF_MATCH_ALL) return b;
  return Xapian::Query(Xapian::Query::OP_AND, a, b);
}
Xapian::Query and_not(const Xapian::Query& a, const Xapian::Query& b) {
  return Xapian::Query(Xapian::Query::OP_AND_NOT, a, b);
}

std::string with_prefix(std::string_view prefix, const std::string& t) { return std::string(prefix) + t; }

// What a part's condition decides of the closeness bonuses over the query's words: a bonus
// every passage of the part has is its factor added to those words' in the part's OR (the
// same weight, no position read: Relevance::apply), one none has is left out.
enum class Holds { kMaybe, kAlways, kNever };
struct Known {
  Holds phrase = Holds::kMaybe;  // the words side by side, in order
  Holds gap = Holds::kMaybe;     // in order within n + 1 positions
  Holds near = Holds::kMaybe;    // within 2n positions
};
constexpr Holds kNever = Holds::kNever, kAlways = Holds::kAlways, kMaybe = Holds::kMaybe;

struct Bonus {
  enum class Kind { kPhrase, kGap, kNear, kOther };
  Xapian::Query query;  // weighs where it matches
  double factor = 0;    // a closeness bonus's factor (on the query's words, Relevance)
  Kind kind = Kind::kOther;

  Holds holds(const Known& known) const {
    switch (kind) {
      case Kind::kPhrase: return known.phrase;
      case Kind::kGap: return known.gap;
      case Kind::kNear: return known.near;
      case Kind::kOther: break;
    }
    return kMaybe;
  }
};

Bonus positional_bonus(double factor, Xapian::Query::op op, const std::vector<Xapian::Query>& terms,
                       Xapian::termcount window, Bonus::Kind kind = Bonus::Kind::kOther) {
  return {scaled(factor, Xapian::Query(op, terms.begin(), terms.end(), window)), factor, kind};
}

// The relevance of a part: the OR of its plain parts (terms, ORs of terms) with the part's
// condition as a filter, plus the bonuses it does not decide, each added with
// OP_AND_MAYBE on top rather than inside the OR: Xapian 1.4.22's OrPostList, first reached
// by a check or skip_to with a minimum weight (each local shard after the first, a weight
// cutoff), syncs a child that is an AND, AND_MAYBE, phrase or NEAR at document 0, where it
// reports its end and is dropped with its weight (bench/README.md "Shards";
// tests/query/tier_weight_test.cc AWeightCutoffLosesNoPassage, ThreeDatabasesRankAsOne).
struct Relevance {
  // The query's words in any form, each with its factor: the closeness bonuses a part
  // decides are factors added to these.
  std::vector<std::pair<Xapian::Query, double>> words;
  std::vector<Xapian::Query> completions;  // the last word's, other than itself
  double completion_factor = 0;
  std::vector<Xapian::Query> rest;  // the typed forms, other forms, compounds, title…
  std::vector<Bonus> bonuses;

  Xapian::Query plain(double extra = 0) const {
    std::vector<Xapian::Query> parts;
    for (const auto& [q, factor] : words) parts.push_back(factor + extra == 1 ? q : scaled(factor + extra, q));
    if (!completions.empty() && completion_factor + extra > 0) {
      parts.push_back(scaled(completion_factor + extra, any_of(completions)));
    }
    parts.insert(parts.end(), rest.begin(), rest.end());
    return parts.empty() ? Xapian::Query(Xapian::Query::MatchAll) : any_of(parts);
  }

  // The OR filtered by `condition`, with the bonuses it does not decide; without a
  // condition, every bonus read from positions.
  Xapian::Query apply(const Xapian::Query* condition, const Known& known = {}) const {
    double always = 0;
    for (const Bonus& b : bonuses) {
      if (b.holds(known) == kAlways) always += b.factor;
    }
    Xapian::Query q = plain(always);
    if (condition != nullptr) q = Xapian::Query(Xapian::Query::OP_FILTER, q, *condition);
    for (const Bonus& b : bonuses) {
      if (b.holds(known) == kMaybe) q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, b.query);
    }
    return q;
  }
};

bool is_filter(const Clause& c) {
  return c.kind == Clause::Kind::kTitle || c.kind == Clause::Kind::kSource || c.kind == Clause::Kind::kId ||
         c.kind == Clause::Kind::kDate || c.kind == Clause::Kind::kRef || c.kind == Clause::Kind::kArticle;
}

// Every word of the positive units of `c`, with whether it is the query's last word, typed
// as a prefix.
void positive_words(const Clause& c, std::vector<std::pair<const Word*, bool>>& out) {
  if (c.negated) return;
  if (c.kind == Clause::Kind::kUnit) {
    for (std::size_t i = 0; i < c.unit.words.size(); ++i) {
      out.emplace_back(&c.unit.words[i], c.unit.prefix && i + 1 == c.unit.words.size());
    }
  }
  if (c.kind == Clause::Kind::kAll || c.kind == Clause::Kind::kAny || c.kind == Clause::Kind::kNear) {
    for (const Clause& child : c.children) positive_words(child, out);
  }
}

// As typed, or in any form.
enum class Form { kTyped, kAny };

// Builds the pieces of one query, with what the database lends it.
class Planner {
 public:
  Planner(const RankingWeights& weights, const PlanContext& context)
      : weights_(weights), context_(context) {}

  // What a word matches. As typed: its exact term when typed with diacritics, else its
  // folded term. In any form: its folded term, and the last word's completions.
  Xapian::Query word(const Word& w, bool last, Form form) const {
    if (form == Form::kTyped) return term(has_diacritics(w) ? with_prefix(schema::kPrefixExact, w.exact) : w.folded);
    std::vector<Xapian::Query> forms;
    for (const std::string& t : folded_terms(w, last)) forms.push_back(term(t));
    return any_of(forms);
  }

  // The folded terms a word stands for in any form: itself, and its completions when it is
  // the query's last word, typed as a prefix.
  std::vector<std::string> folded_terms(const Word& w, bool last) const {
    std::vector<std::string> out = {w.folded};
    if (last && context_.expand_prefix) {
      for (const std::string& c : completions(w.folded)) {
        if (c != w.folded) out.push_back(c);  // the word itself is among its completions
      }
    }
    return out;
  }

  // The database's completions of a prefix, asked once per plan.
  const std::vector<std::string>& completions(const std::string& prefix) const {
    auto it = completions_.find(prefix);
    if (it == completions_.end()) it = completions_.emplace(prefix, context_.expand_prefix(prefix)).first;
    return it->second;
  }

  // The passages with the unit: its whole terms, its words side by side (not for a number,
  // whose parts side by side also read 16,6 for 16/6), or one of its other forms.
  Xapian::Query unit(const QueryUnit& u, Form form) const {
    std::vector<Xapian::Query> forms;
    for (const std::string& t : u.whole_terms) forms.push_back(term(t));
    if (u.whole_terms.empty() || !u.numeric) {
      std::vector<Xapian::Query> words;
      for (std::size_t i = 0; i < u.words.size(); ++i) {
        words.push_back(word(u.words[i], u.prefix && i + 1 == u.words.size(), form));
      }
      forms.push_back(words.size() == 1 ? words[0]
                                        : Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()));
    }
    for (const QueryUnit& alt : u.alternatives) forms.push_back(unit(alt, form));
    return any_of(forms);
  }

  // The passages whose report's title has the unit's words, in any form (on every passage,
  // without positions: context for the "title" label).
  static Xapian::Query unit_in_title(const QueryUnit& u) {
    std::vector<Xapian::Query> forms;
    for (const std::string& t : u.whole_terms) forms.push_back(term(with_prefix(schema::kPrefixTitle, t)));
    if (u.whole_terms.empty() || !u.numeric) {
      std::vector<Xapian::Query> words;
      for (const Word& w : u.words) words.push_back(term(with_prefix(schema::kPrefixTitle, w.folded)));
      forms.push_back(all_of(words));
    }
    for (const QueryUnit& alt : u.alternatives) forms.push_back(unit_in_title(alt));
    return any_of(forms);
  }

  // The first passages whose report's title has the unit as typed (schema.h: the title's
  // exact words and positions are on the first passage).
  static Xapian::Query unit_in_first_title(const QueryUnit& u) {
    std::vector<Xapian::Query> forms;
    for (const std::string& t : u.whole_terms) forms.push_back(term(with_prefix(schema::kPrefixTitle, t)));
    if (u.whole_terms.empty() || !u.numeric) {
      std::vector<Xapian::Query> words;
      for (const Word& w : u.words) {
        words.push_back(term(has_diacritics(w) ? with_prefix(schema::kPrefixTitleExact, w.exact)
                                               : with_prefix(schema::kPrefixTitle, w.folded)));
      }
      forms.push_back(words.size() == 1 ? words[0]
                                        : Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()));
    }
    for (const QueryUnit& alt : u.alternatives) forms.push_back(unit_in_first_title(alt));
    return any_of(forms);
  }

  // A clause's conditions: as typed, in any form, in any form or in the report's title.
  struct Conditions {
    Xapian::Query typed, any, in_context;
  };

  Conditions conditions(const Clause& c) const {
    switch (c.kind) {
      case Clause::Kind::kUnit:
        return {unit(c.unit, Form::kTyped), unit(c.unit, Form::kAny),
                any_of({unit(c.unit, Form::kAny), unit_in_title(c.unit)})};
      case Clause::Kind::kNear: {
        std::vector<Xapian::Query> typed, any, titles;
        for (const Clause& child : c.children) {
          const Word& w = child.unit.words[0];
          typed.push_back(word(w, false, Form::kTyped));
          any.push_back(word(w, child.unit.prefix, Form::kAny));
          titles.push_back(term(with_prefix(schema::kPrefixTitle, w.folded)));
        }
        // NEAR/n, as Xapian's QueryParser reads it: the k words within a window of n + k - 1
        // positions (two words at most n positions apart).
        const auto window = static_cast<Xapian::termcount>(c.window + typed.size() - 1);
        const Xapian::Query near_any(Xapian::Query::OP_NEAR, any.begin(), any.end(), window);
        return {Xapian::Query(Xapian::Query::OP_NEAR, typed.begin(), typed.end(), window), near_any,
                any_of({near_any, all_of(titles)})};
      }
      case Clause::Kind::kAll:
      case Clause::Kind::kAny: {
        const bool all = c.kind == Clause::Kind::kAll;
        std::vector<Xapian::Query> typed, any, in_context, excluded;
        for (const Clause& child : c.children) {
          const Conditions cc = conditions(child);
          if (child.negated) {
            excluded.push_back(cc.typed);
            continue;
          }
          typed.push_back(cc.typed);
          any.push_back(cc.any);
          in_context.push_back(cc.in_context);
        }
        Conditions out{all ? all_of(typed) : any_of(typed), all ? all_of(any) : any_of(any),
                       all ? all_of(in_context) : any_of(in_context)};
        if (!excluded.empty()) {
          const Xapian::Query none = any_of(excluded);
          out.typed = and_not(out.typed, none);
          out.any = and_not(out.any, none);
          out.in_context = and_not(out.in_context, none);
        }
        return out;
      }
      default: {
        const Xapian::Query f = filter(c);
        return {f, f, f};
      }
    }
  }

  // The boolean condition of a filter clause.
  Xapian::Query filter(const Clause& c) const {
    switch (c.kind) {
      case Clause::Kind::kTitle: {
        std::vector<Xapian::Query> in_title;
        bool folded_words_only = true;  // found on every passage, no need to ask the first
        for (const Clause& child : c.children) {
          in_title.push_back(unit_in_first_title(child.unit));
          folded_words_only &= child.unit.words.size() == 1 && !has_diacritics(child.unit.words[0]) &&
                               child.unit.alternatives.empty();
        }
        if (folded_words_only || !context_.reports_where) {
          std::vector<Xapian::Query> parts;
          for (const Clause& child : c.children) parts.push_back(unit_in_title(child.unit));
          return all_of(parts);
        }
        std::vector<Xapian::Query> reports;
        for (const std::string& id : context_.reports_where(all_of(in_title))) {
          reports.push_back(term(with_prefix(schema::kPrefixReport, id)));
        }
        return any_of(reports);
      }
      case Clause::Kind::kSource: {
        std::vector<Xapian::Query> parts;
        for (const Word& w : analyze(c.value)) parts.push_back(term(with_prefix(schema::kPrefixSource, w.folded)));
        return all_of(parts);
      }
      case Clause::Kind::kId:
        return term(with_prefix(schema::kPrefixReport, c.value));
      case Clause::Kind::kRef: {
        // ref:ND-86 also finds the fuller numbers of that document (ND-86/2015/CP), whose
        // keys begin with it (text/refs.h).
        const std::string key = with_prefix(schema::kPrefixRef, c.value);
        return Xapian::Query(Xapian::Query::OP_OR, term(key), Xapian::Query(Xapian::Query::OP_WILDCARD, key + "/"));
      }
      case Clause::Kind::kArticle:
        return term(with_prefix(schema::kPrefixArticle, c.value));
      case Clause::Kind::kDate: {
        Xapian::DateRangeProcessor dates(schema::kSlotDate);
        return dates(c.value, c.value_end);
      }
      default:
        return conditions(c).typed;
    }
  }

  // How a passage weighs: BM25 of the query's words in any form (those typed with
  // diacritics at RankingWeights::forms) and in the forms typed, of the units' other forms
  // and whole terms, of the title, the likely forms and the segmenter's words; closeness
  // bonuses on the words in any form (`plain`: only units, where closeness makes sense).
  Relevance relevance(const ParsedQuery& query, const std::vector<const Clause*>& content, bool plain) const {
    std::vector<std::pair<const Word*, bool>> words;
    for (const Clause* c : content) positive_words(*c, words);
    std::vector<Xapian::Query> parts, typed, title, whole, any_form;
    Relevance out;
    out.completion_factor = weights_.prefix;
    for (const auto& [w, last] : words) {
      // The last word is also a completion of itself: one term weighed with both factors.
      const double factor = has_diacritics(*w) ? weights_.forms : 1.0;
      out.words.emplace_back(term(w->folded), last ? factor + weights_.prefix : factor);
      if (last) {
        for (const std::string& c : folded_terms(*w, true)) {
          if (c != w->folded) out.completions.push_back(term(c));
        }
      }
      any_form.push_back(word(*w, last, Form::kAny));
      if (has_diacritics(*w)) typed.push_back(word(*w, false, Form::kTyped));
      title.push_back(term(with_prefix(schema::kPrefixTitle, w->folded)));
    }
    std::vector<Xapian::Query> alternatives;
    for (const QueryUnit* u : query.positive_units()) {
      for (const std::string& t : u->whole_terms) whole.push_back(term(t));
      for (const QueryUnit& alt : u->alternatives) {
        for (const Word& w : alt.words) alternatives.push_back(term(w.folded));
        for (const std::string& t : alt.whole_terms) whole.push_back(term(t));
      }
    }
    parts.insert(parts.end(), alternatives.begin(), alternatives.end());
    if (!typed.empty()) parts.push_back(scaled(weights_.exact, any_of(typed)));
    if (!whole.empty()) parts.push_back(scaled(weights_.whole, any_of(whole)));
    if (plain && any_form.size() > 1) {
      const auto n = static_cast<Xapian::termcount>(any_form.size());
      out.bonuses.push_back(positional_bonus(weights_.phrase, Xapian::Query::OP_PHRASE, any_form, n, Bonus::Kind::kPhrase));
      if (weights_.gap > 0) {
        out.bonuses.push_back(positional_bonus(weights_.gap, Xapian::Query::OP_PHRASE, any_form, n + 1, Bonus::Kind::kGap));
      }
      if (weights_.near > 0) {
        out.bonuses.push_back(positional_bonus(weights_.near, Xapian::Query::OP_NEAR, any_form, 2 * n, Bonus::Kind::kNear));
      }
    }
    if (weights_.title > 0 && !title.empty()) parts.push_back(scaled(weights_.title, any_of(title)));
    if (weights_.likely > 0 && !context_.likely_terms.empty()) {
      std::vector<Xapian::Query> likely;
      for (const std::string& t : context_.likely_terms) likely.push_back(term(t));
      parts.push_back(scaled(weights_.likely, any_of(likely)));
      if (plain && likely.size() > 1) {
        const auto n = static_cast<Xapian::termcount>(likely.size());
        out.bonuses.push_back(positional_bonus(weights_.likely, Xapian::Query::OP_PHRASE, likely, n));
      }
    }
    if (weights_.word > 0 && !context_.word_terms.empty()) {
      std::vector<Xapian::Query> segmented;
      for (const std::string& t : context_.word_terms) segmented.push_back(term(t));
      parts.push_back(scaled(weights_.word, any_of(segmented)));
    }
    out.rest = std::move(parts);
    return out;
  }

  // Each positive word as evidence; a unit's other forms and whole terms stand for each of
  // its words.
  std::vector<Evidence> evidence(const std::vector<const Clause*>& content) const {
    std::vector<Evidence> out;
    std::vector<const QueryUnit*> units;
    for (const Clause* c : content) collect_units(*c, units);
    for (const QueryUnit* u : units) {
      std::vector<Xapian::Query> typed_others, any_others;
      for (const std::string& t : u->whole_terms) {
        typed_others.push_back(term(t));
        any_others.push_back(term(t));
      }
      for (const QueryUnit& alt : u->alternatives) {
        typed_others.push_back(unit(alt, Form::kTyped));
        any_others.push_back(unit(alt, Form::kAny));
      }
      for (std::size_t i = 0; i < u->words.size(); ++i) {
        const Word& w = u->words[i];
        const bool last = u->prefix && i + 1 == u->words.size();
        std::vector<Xapian::Query> typed = typed_others, any = any_others;
        typed.push_back(word(w, false, Form::kTyped));
        any.push_back(word(w, last, Form::kAny));
        out.push_back({any_of(typed), any_of(any),
                       term(has_diacritics(w) ? with_prefix(schema::kPrefixTitleExact, w.exact)
                                              : with_prefix(schema::kPrefixTitle, w.folded)),
                       has_diacritics(w) ? with_prefix(schema::kPrefixExact, w.exact) : w.folded});
      }
    }
    return out;
  }

  static void collect_units(const Clause& c, std::vector<const QueryUnit*>& out) {
    if (c.negated) return;
    if (c.kind == Clause::Kind::kUnit) out.push_back(&c.unit);
    if (c.kind == Clause::Kind::kAll || c.kind == Clause::Kind::kAny || c.kind == Clause::Kind::kNear) {
      for (const Clause& child : c.children) collect_units(child, out);
    }
  }

  // The terms closeness is asked of: every positive word in any form, or as typed; empty
  // when closeness cannot be asked (fewer than two words, OR and NEAR groups). A unit with
  // other forms is left out (its other form has other words), unless `every_unit`.
  std::vector<Xapian::Query> closeness_terms(const std::vector<const Clause*>& content, Form form,
                                             bool every_unit = false) const {
    std::vector<Xapian::Query> words;
    for (const Clause* c : content) {
      if (c->kind != Clause::Kind::kUnit) return {};
      if (!every_unit && !c->unit.alternatives.empty()) continue;
      const QueryUnit& u = c->unit;
      for (std::size_t i = 0; i < u.words.size(); ++i) {
        words.push_back(word(u.words[i], u.prefix && i + 1 == u.words.size(), form));
      }
    }
    if (words.size() < 2) return {};
    return words;
  }

  // The words side by side in the order typed.
  Xapian::Query side_by_side(const std::vector<const Clause*>& content, Form form, bool every_unit = false) const {
    const auto words = closeness_terms(content, form, every_unit);
    if (words.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), static_cast<Xapian::termcount>(words.size()));
  }

  // The words side by side in any order, or in the order typed with one word between them.
  Xapian::Query adjacent(const std::vector<const Clause*>& content) const {
    const auto words = closeness_terms(content, Form::kAny);
    if (words.empty()) return Xapian::Query();
    const auto n = static_cast<Xapian::termcount>(words.size());
    return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_NEAR, words.begin(), words.end(), n),
                         Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), n + 1));
  }

  // The words within n + 2 positions, in any order.
  Xapian::Query close(const std::vector<const Clause*>& content) const {
    const auto words = closeness_terms(content, Form::kAny);
    if (words.empty()) return Xapian::Query();
    const auto n = static_cast<Xapian::termcount>(words.size());
    return Xapian::Query(Xapian::Query::OP_NEAR, words.begin(), words.end(), n + 2);
  }

 private:
  const RankingWeights& weights_;
  const PlanContext& context_;
  mutable std::map<std::string, std::vector<std::string>> completions_;
};

// The plan without the parts that match nothing (Xapian's MatchNothing: no title to find a
// report by), nor tiers left empty.
SearchPlan without_empty_parts(SearchPlan plan) {
  for (SearchPlan::Tier& tier : plan.tiers) std::erase_if(tier, [](const Xapian::Query& q) { return q.empty(); });
  std::erase_if(plan.tiers, [](const SearchPlan::Tier& tier) { return tier.empty(); });
  return plan;
}

}  // namespace

bool valid_date_range(const std::string& begin, const std::string& end) {
  Xapian::DateRangeProcessor dates(schema::kSlotDate);
  return dates(begin, end).get_type() != Xapian::Query::OP_INVALID;
}

SearchPlan plan_search(const ParsedQuery& query, const RankingWeights& weights, const PlanContext& context) {
  Planner p(weights, context);
  std::vector<const Clause*> content;  // positive clauses, ranked
  std::vector<Xapian::Query> required, filters, excluded;
  bool plain = true;  // only units: closeness bonuses make sense
  for (const Clause& c : query.clauses) {
    if (c.negated) {
      excluded.push_back(is_filter(c) ? p.filter(c) : p.conditions(c).typed);
    } else if (is_filter(c)) {
      filters.push_back(p.filter(c));
    } else {
      content.push_back(&c);
      if (c.kind != Clause::Kind::kUnit) plain = false;
      if (c.required) required.push_back(p.conditions(c).typed);
    }
  }
  const Relevance relevance = p.relevance(query, content, plain);

  // Every passage of the plan holds the required parts and the filters, and none of the
  // excluded.
  auto restrict = [&](Xapian::Query condition) {
    for (const Xapian::Query& r : required) condition = and_q(condition, r);
    for (const Xapian::Query& f : filters) condition = and_q(condition, f);
    if (!excluded.empty()) condition = and_not(condition, any_of(excluded));
    return condition;
  };
  auto part = [&](const Xapian::Query& condition, const Known& known = {}) {
    const Xapian::Query restricted = restrict(condition);
    return relevance.apply(&restricted, known);
  };

  SearchPlan plan;
  plan.evidence = p.evidence(content);
  plan.relevance = relevance.apply(nullptr);
  plan.words = relevance.plain();
  if (content.empty()) {  // filters alone: every passage they let through, by relevance
    plan.all_parts = plan.every_part = plan.in_context = plan.candidates = restrict(Xapian::Query::MatchAll);
    plan.tiers = {{part(Xapian::Query::MatchAll)}};
    return plan;
  }
  std::vector<Xapian::Query> typed, any, in_context, evidence;
  for (const Clause* c : content) {
    const Planner::Conditions cc = p.conditions(*c);
    typed.push_back(cc.typed);
    any.push_back(cc.any);
    in_context.push_back(cc.in_context);
    evidence.push_back(cc.any);
    // Words typed apart that make one form of an abbreviation (phòng chống tham nhũng,
    // PCTN) are each evidence too.
    const QueryUnit& u = c->unit;
    if (c->kind == Clause::Kind::kUnit && !u.quoted && u.whole_terms.empty() && u.words.size() > 1) {
      for (std::size_t i = 0; i < u.words.size(); ++i) {
        evidence.push_back(p.word(u.words[i], u.prefix && i + 1 == u.words.size(), Form::kAny));
      }
    }
  }
  plan.all_parts = restrict(all_of(typed));
  plan.every_part = restrict(all_of(any));
  plan.in_context = restrict(all_of(in_context));
  // A passage earns its place with one of the units in its own text, in some form; a
  // report whose title has every unit as typed, with its first passage.
  const Xapian::Query candidates = any_of(evidence);
  std::vector<Xapian::Query> in_title;
  for (const Clause* c : content) {
    if (c->kind == Clause::Kind::kUnit) in_title.push_back(Planner::unit_in_first_title(c->unit));
  }
  const Xapian::Query first_passage(Xapian::Query::OP_VALUE_RANGE, schema::kSlotOrdinal, Xapian::sortable_serialise(0),
                                    Xapian::sortable_serialise(0));
  const Xapian::Query by_title = in_title.size() == content.size()
                                     ? and_not(and_q(first_passage, all_of(in_title)), candidates)
                                     : Xapian::Query::MatchNothing;
  plan.candidates = restrict(any_of({candidates, by_title}));

  // Closeness is decided by a part's condition where its words are the bonuses' words
  // (units only, none with other forms), n of them, no two sharing a term. Windows only
  // widen: a phrase within w positions is also near within w, and near within w is near
  // within any w' >= w. Not so for a term in two places of a NEAR (a word typed twice, a
  // completion of the last word that is another of the words): for "hà nội hà", Xapian
  // found passages side by side and not near within 6 (tests/query/tier_weight_test.cc).
  std::size_t n = 0;
  bool decided = plain, distinct = true;
  std::set<std::string> seen;
  for (const Clause* c : content) {
    decided &= c->kind == Clause::Kind::kUnit && c->unit.alternatives.empty();
    if (c->kind != Clause::Kind::kUnit) continue;
    const QueryUnit& u = c->unit;
    n += u.words.size();
    for (std::size_t i = 0; i < u.words.size(); ++i) {
      for (const std::string& t : p.folded_terms(u.words[i], u.prefix && i + 1 == u.words.size())) {
        distinct &= seen.insert(t).second;
      }
    }
  }
  decided &= n >= 2 && distinct;
  auto if_decided = [decided](Known k) { return decided ? k : Known{}; };
  if (!plain || n < 2 || !distinct) {
    plan.tiers = {{part(candidates), part(by_title)}};
    return without_empty_parts(std::move(plan));
  }

  // First tier: the words side by side in the order and forms typed, the query as the
  // reader remembers it. Every unit's words are in it (a unit with other forms too), so
  // its closeness decides the bonuses only where those units have none; a number's whole
  // terms alone stand for it (its parts side by side also read 16,6 for 16/6).
  Xapian::Query typed_phrase = p.side_by_side(content, Form::kTyped, true);
  for (const Clause* c : content) {
    if (c->unit.numeric && !c->unit.whole_terms.empty()) {
      typed_phrase = and_q(all_of(typed), typed_phrase);
      break;
    }
  }
  plan.tiers.push_back({part(typed_phrase, if_decided({kAlways, kAlways, kAlways}))});

  // Then every other passage, in parts by how close the words are, merged by weight: side
  // by side in order (in some other form); side by side in any order, or in order with
  // one word between; within n + 2 positions; apart, or only some of the words. Near
  // within n + 2 implies near within 2n for n >= 2; not near within n + 2 rules out near
  // within 2n for n = 2.
  const Xapian::Query rest = and_not(candidates, typed_phrase);
  const Xapian::Query phrase = p.side_by_side(content, Form::kAny), adjacent = p.adjacent(content),
                      close = p.close(content);
  if (close.empty()) {  // every unit has other forms: no closeness asked
    plan.tiers.push_back({part(rest), part(by_title)});
    return without_empty_parts(std::move(plan));
  }
  plan.tiers.push_back({part(and_q(rest, phrase), if_decided({kAlways, kAlways, kAlways})),
                        part(and_not(and_q(rest, adjacent), phrase), if_decided({kNever, kMaybe, kAlways})),
                        part(and_not(and_q(rest, close), adjacent), if_decided({kNever, kNever, kAlways})),
                        part(and_not(rest, close), if_decided({kNever, kNever, n <= 2 ? kNever : kMaybe})),
                        part(by_title)});
  return without_empty_parts(std::move(plan));
}

}  // namespace tracuu
