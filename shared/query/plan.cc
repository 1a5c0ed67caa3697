#include "query/plan.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "index/schema.h"
#include "index/terms.h"
#include "text/analyze.h"
#include "text/fold.h"

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

// A constant weight on every passage of a part (its closeness, SearchPlan::Tier): a built-in
// posting source, which remote databases serve, added with OP_AND_MAYBE, never inside an OR.
// (Xapian 1.4.22's matcher/orpostlist.cc drops such a child under a weight cut-off: tests/
// query/tier_weight_test.cc AWeightCutoffLosesNoPassage.)
Xapian::Query plus(const Xapian::Query& part, double weight) {
  if (weight <= 0) return part;
  Xapian::PostingSource* constant = new Xapian::FixedWeightPostingSource(weight);
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, part, Xapian::Query(constant->release()));
}

// `weight` on the passages `condition` matches (which weighs nothing).
Xapian::Query constant_on(const Xapian::Query& condition, double weight) {
  Xapian::PostingSource* constant = new Xapian::FixedWeightPostingSource(weight);
  return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(constant->release()), condition);
}

// Each report's first passage, where its title's exact words and positions are (schema.h).
Xapian::Query first_passage() {
  const std::string zero = Xapian::sortable_serialise(0);
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotOrdinal, zero, zero);
}

bool is_filter(const Clause& c) {
  return c.kind == Clause::Kind::kTitle || c.kind == Clause::Kind::kSource ||
         c.kind == Clause::Kind::kId || c.kind == Clause::Kind::kDate ||
         c.kind == Clause::Kind::kRef || c.kind == Clause::Kind::kArticle;
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
  if (c.kind == Clause::Kind::kAll || c.kind == Clause::Kind::kAny ||
      c.kind == Clause::Kind::kNear) {
    for (const Clause& child : c.children) positive_words(child, out);
  }
}

// Whether every passage `c` matches has one of its positive words (which the relevance
// weighs): not so for a filter, nor for an OR with a branch of filters or exclusions only
// ("-a -b OR c" holds passages with neither a nor b, and no c).
bool ranked_by_words(const Clause& c) {
  if (c.negated) return false;
  switch (c.kind) {
    case Clause::Kind::kUnit:
    case Clause::Kind::kNear:
      return true;
    case Clause::Kind::kAll:
      return std::any_of(c.children.begin(), c.children.end(), ranked_by_words);
    case Clause::Kind::kAny:
      return std::all_of(c.children.begin(), c.children.end(), [](const Clause& child) {
        return child.negated || ranked_by_words(child);
      });
    default:
      return false;
  }
}

// As typed; as typed with the last word's completions in the form typed (where the reader
// remembers a phrase and stopped typing); in any form.
enum class Form { kTyped, kTypedCompleted, kAny };

// Builds the pieces of one query, with what the database lends it.
class Planner {
 public:
  Planner(const RankingWeights& weights, const PlanContext& context)
      : weights_(weights), context_(context) {}

  // What a word matches. As typed: its exact term when typed with diacritics, else its
  // folded term. In any form: its folded term, and the last word's completions.
  Xapian::Query word(const Word& w, bool last, Form form) const {
    if (form == Form::kTyped) return term(terms::typed(w));
    std::vector<Xapian::Query> forms;
    if (form == Form::kTypedCompleted && has_diacritics(w)) {
      // The exact terms that complete the word as typed, whose folded forms complete it too.
      forms.push_back(term(terms::typed(w)));
      if (last && context_.expand_prefix) {
        const std::vector<std::string>& folded = completions(w.folded);
        for (const std::string& c : completions(terms::typed(w))) {
          const std::string_view exact_form = terms::exact_form(c);
          if (exact_form.empty() || c == terms::typed(w)) continue;
          const std::string f = fold_diacritics(exact_form);
          if (std::find(folded.begin(), folded.end(), f) != folded.end()) forms.push_back(term(c));
        }
      }
      return any_of(forms);
    }
    for (const std::string& t : folded_terms(w, last)) forms.push_back(term(t));
    return any_of(forms);
  }

  // The folded terms a word stands for in any form: itself, and its completions when it is
  // the query's last word, typed as a prefix.
  std::vector<std::string> folded_terms(const Word& w, bool last) const {
    std::vector<std::string> out = {terms::folded(w)};
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
    if (it == completions_.end())
      it = completions_.emplace(prefix, context_.expand_prefix(prefix)).first;
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
      forms.push_back(words.size() == 1
                          ? words[0]
                          : Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()));
    }
    for (const QueryUnit& alt : u.alternatives) forms.push_back(unit(alt, form));
    return any_of(forms);
  }

  // The passages whose report's title has the unit's words, in any form (on every passage,
  // without positions: context for the "title" label).
  static Xapian::Query unit_in_title(const QueryUnit& u) {
    std::vector<Xapian::Query> forms;
    for (const std::string& t : u.whole_terms) forms.push_back(term(terms::title(t)));
    if (u.whole_terms.empty() || !u.numeric) {
      std::vector<Xapian::Query> words;
      for (const Word& w : u.words) words.push_back(term(terms::title(w.folded)));
      forms.push_back(all_of(words));
    }
    for (const QueryUnit& alt : u.alternatives) forms.push_back(unit_in_title(alt));
    return any_of(forms);
  }

  // The first passages whose report's title has the unit as typed (schema.h: the title's
  // exact words and positions are on the first passage).
  static Xapian::Query unit_in_first_title(const QueryUnit& u) {
    std::vector<Xapian::Query> forms;
    for (const std::string& t : u.whole_terms) forms.push_back(term(terms::title(t)));
    if (u.whole_terms.empty() || !u.numeric) {
      std::vector<Xapian::Query> words;
      for (const Word& w : u.words) {
        words.push_back(
            term(has_diacritics(w) ? terms::title_exact(w.exact) : terms::title(w.folded)));
      }
      forms.push_back(words.size() == 1
                          ? words[0]
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
          titles.push_back(term(terms::title(w.folded)));
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

  // The passages of the reports whose first passage `first` matches (title words with
  // positions and exact forms are there: schema.h); without the database (tests), the
  // passages `first` matches.
  Xapian::Query reports_where(const Xapian::Query& first) const {
    if (!context_.reports_where) return first;
    std::vector<Xapian::Query> reports;
    for (const std::string& id : context_.reports_where(and_q(first_passage(), first))) {
      reports.push_back(term(terms::report(id)));
    }
    return any_of(reports);
  }

  // The boolean condition of a filter clause.
  Xapian::Query filter(const Clause& c) const {
    switch (c.kind) {
      case Clause::Kind::kTitle: {
        std::vector<Xapian::Query> in_title;
        bool folded_words_only = true;  // found on every passage, no need to ask the first
        for (const Clause& child : c.children) {
          in_title.push_back(unit_in_first_title(child.unit));
          folded_words_only &= child.unit.words.size() == 1 &&
                               !has_diacritics(child.unit.words[0]) &&
                               child.unit.alternatives.empty();
        }
        if (folded_words_only || !context_.reports_where) {
          std::vector<Xapian::Query> parts;
          for (const Clause& child : c.children) parts.push_back(unit_in_title(child.unit));
          return all_of(parts);
        }
        return reports_where(all_of(in_title));
      }
      case Clause::Kind::kSource: {
        std::vector<Xapian::Query> parts;
        for (const Word& w : analyze(c.value)) parts.push_back(term(terms::source(w.folded)));
        return all_of(parts);
      }
      case Clause::Kind::kId:
        return term(terms::report(c.value));
      case Clause::Kind::kRef: {
        // ref:ND-86 also finds the fuller numbers of that document (ND-86/2015/CP), whose
        // keys begin with it (text/refs.h).
        const std::string key = terms::ref(c.value);
        return Xapian::Query(Xapian::Query::OP_OR, term(key),
                             Xapian::Query(Xapian::Query::OP_WILDCARD, key + "/"));
      }
      case Clause::Kind::kArticle:
        return term(terms::article(c.value));
      case Clause::Kind::kDate: {
        Xapian::DateRangeProcessor dates(schema::kSlotDate);
        return dates(c.value, c.value_end);
      }
      default:
        return conditions(c).typed;
    }
  }

  // How a passage weighs, before closeness: BM25 of the query's words as typed, of those
  // typed with diacritics in their other forms at RankingWeights::forms, of the last
  // word's completions, of the units' other forms and whole terms, of the title (and
  // article heading), of the likely forms and of the segmenter's words. An OR of terms
  // only (see plus()).
  struct Relevance {
    Xapian::Query all;  // the OR of every term
    // The terms of the query's words and their other forms (each in a passage only with one
    // of the units in some form), and the rest: the title's, the likely forms', the
    // segmenter's words' (empty without).
    Xapian::Query own, context;
  };
  Relevance relevance(const ParsedQuery& query, const std::vector<const Clause*>& content) const {
    std::vector<std::pair<const Word*, bool>> words;
    for (const Clause* c : content) positive_words(*c, words);
    std::vector<Xapian::Query> parts, title, whole, completions;
    for (const auto& [w, last] : words) {
      // The last word is also a completion of itself: one term weighed with both factors.
      const double prefix = last ? weights_.prefix : 0;
      const Xapian::Query any_form = term(terms::folded(*w));
      if (has_diacritics(*w)) {
        parts.push_back(scaled(weights_.exact, word(*w, false, Form::kTyped)));
        parts.push_back(scaled(weights_.forms + prefix, any_form));
      } else {
        parts.push_back(1 + prefix == 1 ? any_form : scaled(1 + prefix, any_form));
      }
      if (last) {
        for (const std::string& c : folded_terms(*w, true)) {
          if (c != w->folded) completions.push_back(term(c));
        }
      }
      title.push_back(term(terms::title(w->folded)));
    }
    if (!completions.empty() && weights_.prefix > 0)
      parts.push_back(scaled(weights_.prefix, any_of(completions)));
    for (const QueryUnit* u : query.positive_units()) {
      for (const std::string& t : u->whole_terms) whole.push_back(term(t));
      for (const QueryUnit& alt : u->alternatives) {
        for (const Word& w : alt.words) parts.push_back(term(terms::folded(w)));
        for (const std::string& t : alt.whole_terms) whole.push_back(term(t));
      }
    }
    if (!whole.empty()) parts.push_back(scaled(weights_.whole, any_of(whole)));
    std::vector<Xapian::Query> own = parts, context;
    // The likely forms and the segmenter's words are own terms when each has one of the
    // words in some form (as the searcher gives them: PlanContext).
    std::set<std::string> folded;
    for (const auto& [w, last] : words) {
      for (const std::string& f : folded_terms(*w, last)) folded.insert(f);
    }
    auto add = [&](const Xapian::Query& q, bool has_a_word) {
      parts.push_back(q);
      (has_a_word ? own : context).push_back(q);
    };
    if (weights_.title > 0 && !title.empty()) add(scaled(weights_.title, any_of(title)), false);
    if (weights_.likely > 0 && !context_.likely_terms.empty()) {
      std::vector<Xapian::Query> likely;
      bool forms_of_words = true;
      for (const std::string& t : context_.likely_terms) {
        likely.push_back(term(t));
        const std::string_view form = terms::exact_form(t);
        forms_of_words &= !form.empty() && folded.count(fold_diacritics(form));
      }
      add(scaled(weights_.likely, any_of(likely)), forms_of_words);
    }
    if (weights_.word > 0 && !context_.word_terms.empty()) {
      std::vector<Xapian::Query> segmented;
      bool of_words = true;
      for (const std::string& t : context_.word_terms) {
        segmented.push_back(term(t));
        const std::vector<std::string_view> units = terms::units_of(t);
        of_words &= std::any_of(units.begin(), units.end(), [&](std::string_view u) {
          return folded.count(std::string(u)) > 0;
        });
      }
      add(scaled(weights_.word, any_of(segmented)), of_words);
    }
    Relevance out;
    out.all = parts.empty() ? Xapian::Query(Xapian::Query::MatchAll) : any_of(parts);
    out.own = any_of(own);
    out.context = any_of(context);
    return out;
  }

  // How rare a term is: its idf, from the database (1 without one: tests).
  double idf(const std::string& t) const { return context_.idf ? context_.idf(t) : 1.0; }

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
        const bool marked = has_diacritics(w);
        out.push_back({any_of(typed), any_of(any),
                       term(marked ? terms::heading_exact(w.exact) : terms::title(w.folded)),
                       marked ? term(terms::title_exact(w.exact)) : Xapian::Query(),
                       idf(terms::typed(w))});
      }
    }
    return out;
  }

  static void collect_units(const Clause& c, std::vector<const QueryUnit*>& out) {
    if (c.negated) return;
    if (c.kind == Clause::Kind::kUnit) out.push_back(&c.unit);
    if (c.kind == Clause::Kind::kAll || c.kind == Clause::Kind::kAny ||
        c.kind == Clause::Kind::kNear) {
      for (const Clause& child : c.children) collect_units(child, out);
    }
  }

  // The terms closeness is asked of: every positive word, in `form`; empty when closeness
  // cannot be asked (fewer than two words, OR and NEAR groups).
  std::vector<Xapian::Query> closeness_terms(const std::vector<const Clause*>& content,
                                             Form form) const {
    std::vector<Xapian::Query> words;
    for (const Clause* c : content) {
      if (c->kind != Clause::Kind::kUnit) return {};
      const QueryUnit& u = c->unit;
      for (std::size_t i = 0; i < u.words.size(); ++i) {
        words.push_back(word(u.words[i], u.prefix && i + 1 == u.words.size(), form));
      }
    }
    if (words.size() < 2) return {};
    return words;
  }

 private:
  const RankingWeights& weights_;
  const PlanContext& context_;
  mutable std::map<std::string, std::vector<std::string>> completions_;
};

// The plan without the parts that match nothing (Xapian's MatchNothing: no title to find a
// report by), nor tiers left empty.
SearchPlan without_empty_parts(SearchPlan plan) {
  for (SearchPlan::Tier& tier : plan.tiers)
    std::erase_if(tier, [](const Xapian::Query& q) { return q.empty(); });
  std::erase_if(plan.tiers, [](const SearchPlan::Tier& tier) { return tier.empty(); });
  return plan;
}

}  // namespace

bool valid_date_range(const std::string& begin, const std::string& end) {
  Xapian::DateRangeProcessor dates(schema::kSlotDate);
  return dates(begin, end).get_type() != Xapian::Query::OP_INVALID;
}

SearchPlan plan_search(const ParsedQuery& query, const RankingWeights& weights,
                       const PlanContext& context) {
  Planner p(weights, context);
  std::vector<const Clause*> content;  // positive clauses, ranked
  std::vector<Xapian::Query> required, filters, excluded;
  bool plain = true;  // only units: closeness makes sense
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
  // Every passage of the plan holds the required parts and the filters, and none of the
  // excluded.
  auto restrict = [&](Xapian::Query condition) {
    for (const Xapian::Query& r : required) condition = and_q(condition, r);
    for (const Xapian::Query& f : filters) condition = and_q(condition, f);
    if (!excluded.empty()) condition = and_not(condition, any_of(excluded));
    return condition;
  };
  SearchPlan plan;
  const Planner::Relevance relevance = p.relevance(query, content);
  plan.words = relevance.all;
  // A passage a clause lets through without any of its words weighs nothing, but is found.
  if (!std::all_of(content.begin(), content.end(),
                   [](const Clause* c) { return ranked_by_words(*c); })) {
    plan.words =
        Xapian::Query(Xapian::Query::OP_OR, plan.words,
                      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query::MatchAll, 0));
  }
  plan.evidence = p.evidence(content);
  // A part: the relevance of the passages `condition` lets through, `bonus` more each.
  auto part = [&](const Xapian::Query& condition, double bonus = 0) {
    return plus(Xapian::Query(Xapian::Query::OP_FILTER, plan.words, restrict(condition)), bonus);
  };
  if (content.empty()) {  // filters alone: every passage they let through, by relevance
    plan.all_parts = plan.every_part = plan.in_context = plan.candidates =
        restrict(Xapian::Query::MatchAll);
    plan.tiers = {{part(Xapian::Query::MatchAll)}};
    return plan;
  }
  std::vector<Xapian::Query> typed, any, in_context, evidence;
  // Whether one unit's words are evidence each (one word, or words not quoted nor written
  // whole): a passage with every word in some form is then a candidate.
  bool words_are_evidence = false;
  for (const Clause* c : content) {
    const Planner::Conditions cc = p.conditions(*c);
    typed.push_back(cc.typed);
    any.push_back(cc.any);
    in_context.push_back(cc.in_context);
    evidence.push_back(cc.any);
    // Words typed apart that make one form of an abbreviation (phòng chống tham nhũng,
    // PCTN) are each evidence too.
    const QueryUnit& u = c->unit;
    if (c->kind != Clause::Kind::kUnit) continue;
    if (u.words.size() == 1) {
      words_are_evidence |= !(u.numeric && !u.whole_terms.empty());  // cc.any has the word
    } else if (!u.quoted && u.whole_terms.empty()) {
      for (std::size_t i = 0; i < u.words.size(); ++i) {
        evidence.push_back(p.word(u.words[i], u.prefix && i + 1 == u.words.size(), Form::kAny));
      }
      words_are_evidence = true;
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
  const Xapian::Query titled = in_title.size() == content.size()
                                   ? and_q(first_passage(), all_of(in_title))
                                   : Xapian::Query::MatchNothing;
  const Xapian::Query by_title = titled.empty() ? titled : and_not(titled, candidates);
  plan.candidates = restrict(any_of({candidates, by_title}));
  // Whether the passages with an own term of the relevance (Relevance::own) are the
  // candidates (each such passage is one, and each candidate has one): every unit's words
  // are evidence each (no quoted or whole-written words, no number written whole), and no
  // other form of several words (UBND's Ủy ban nhân dân, whose words the relevance weighs
  // apart) nor a number written whole.
  // (And the last word's completions are weighed, weights.prefix: else a candidate found
  // by a completion alone has no own term.)
  bool own_terms_are_candidates = plain;
  for (const Clause* c : content) {
    const QueryUnit& u = c->unit;
    own_terms_are_candidates &= u.words.size() == 1 ? !(u.numeric && !u.whole_terms.empty())
                                                    : !u.quoted && u.whole_terms.empty();
    own_terms_are_candidates &= !u.prefix || weights.prefix > 0;
    for (const QueryUnit& alt : u.alternatives) {
      own_terms_are_candidates &=
          alt.words.size() <= 1 && !(alt.numeric && !alt.whole_terms.empty());
    }
  }
  // The candidates and the titled passages, less `less`, by relevance. Where the
  // candidates are the passages with an own term, those terms find them and the rest are
  // weighed on top (OP_AND_MAYBE: the candidates' terms are read once, not again as a
  // condition), and the titled passages that are not candidates are a part of their own.
  auto by_relevance = [&](const Xapian::Query& less) -> SearchPlan::Tier {
    auto without = [&](const Xapian::Query& q) { return less.empty() ? q : and_not(q, less); };
    if (!own_terms_are_candidates) return {part(without(any_of({candidates, titled})))};
    Xapian::Query own =
        without(relevance.context.empty()
                    ? relevance.own
                    : Xapian::Query(Xapian::Query::OP_AND_MAYBE, relevance.own, relevance.context));
    const Xapian::Query limits = restrict(Xapian::Query::MatchAll);
    if (limits.get_type() != Xapian::Query::LEAF_MATCH_ALL)
      own = Xapian::Query(Xapian::Query::OP_FILTER, own, limits);
    // A titled passage that is not a candidate has none of the own terms: it weighs its
    // context's (few terms to read, and a maximum weight Xapian may find too low at once).
    if (relevance.context.empty() || by_title.empty()) return {own, part(by_title)};
    return {own, Xapian::Query(Xapian::Query::OP_FILTER, relevance.context, restrict(by_title))};
  };
  std::size_t n_words = 0;
  for (const Clause* c : content) n_words += c->unit.words.size();
  if (!plain || n_words < 2) {
    plan.tiers = {by_relevance(Xapian::Query())};
    return without_empty_parts(std::move(plan));
  }

  // Closeness is asked of every word of the query, those of a unit with other forms in its
  // own form (a passage with the other form, CP for Chính phủ, has no closeness). Its weight
  // is a multiple of how much those words say: their idf as typed. (Each part asks one
  // closeness: with a term in two places of a NEAR, a word typed twice, Xapian's NEAR is
  // not monotone in its window, "hà nội hà" side by side and not within 6, and the parts
  // need not be.)
  const std::vector<Xapian::Query> close = p.closeness_terms(content, Form::kAny);
  // In other forms the words say what their folded forms say: "những" close to "tham"
  // is little evidence for "tham nhũng".
  double informative = 0, informative_any = 0;
  for (const Clause* c : content) {
    for (const Word& w : c->unit.words) {
      informative += p.idf(terms::typed(w));
      informative_any += p.idf(terms::folded(w));
    }
  }

  // First tier: the words side by side in the order and forms typed, the query as the
  // reader remembers it (every unit's words, a unit with other forms too; a number's whole
  // terms alone stand for it, as its parts side by side also read 16,6 for 16/6). Typed
  // without diacritics, the most likely forms side by side first among them.
  const std::vector<Xapian::Query> typed_words = p.closeness_terms(content, Form::kTypedCompleted);
  Xapian::Query typed_phrase(Xapian::Query::OP_PHRASE, typed_words.begin(), typed_words.end(),
                             typed_words.size());
  bool phrase_alone = true;  // typed_phrase is the phrase of typed_words
  for (const Clause* c : content) {
    if (c->unit.numeric && !c->unit.whole_terms.empty()) {
      typed_phrase = and_q(all_of(typed), typed_phrase);
      phrase_alone = false;
      break;
    }
  }
  Xapian::Query first = part(typed_phrase, weights.phrase * informative);
  if (weights.likely > 0 && context.likely_terms.size() > 1) {
    std::vector<Xapian::Query> likely;
    for (const std::string& t : context.likely_terms) likely.push_back(term(t));
    const Xapian::Query together(Xapian::Query::OP_PHRASE, likely.begin(), likely.end(),
                                 likely.size());
    first = Xapian::Query(
        Xapian::Query::OP_AND_MAYBE, first,
        scaled(weights.likely, Xapian::Query(Xapian::Query::OP_FILTER, any_of(likely), together)));
  }
  plan.tiers.push_back({first});

  // Then every other passage, its closeness a constant on top of its relevance: the words
  // side by side in order (in some other form, or the last word completed); side by side
  // in any order; in order with one word between; within n + 2 positions; within 2n; or
  // none. The words so close as typed earn the whole constant, in some other form a part
  // of it. A passage that meets several of these conditions earns the largest constant
  // (OP_MAX under OP_AND_MAYBE: one match, in which Xapian reads the relevance's terms
  // once).
  SearchPlan::Tier others;
  std::vector<Xapian::Query> closeness;  // each level's condition, its constant on it
  if (!close.empty()) {
    const auto n = static_cast<Xapian::termcount>(close.size());
    const std::vector<Xapian::Query> as_typed = p.closeness_terms(content, Form::kTypedCompleted);
    bool any_marked = false;  // a word typed with diacritics: other forms
    for (const Clause* c : content) {
      for (const Word& w : c->unit.words) any_marked |= has_diacritics(w);
    }
    const std::pair<Xapian::Query::op, Xapian::termcount> levels[] = {
        {Xapian::Query::OP_PHRASE, n},
        {Xapian::Query::OP_NEAR, n},
        {Xapian::Query::OP_PHRASE, n + 1},
        {Xapian::Query::OP_NEAR, n + 2},
        {Xapian::Query::OP_NEAR, 2 * n}};
    const double bonus[] = {weights.phrase, weights.adjacent, weights.gap, weights.close,
                            weights.near};
    for (std::size_t level = 0; level < std::size(levels); ++level) {
      const auto [op, window] = levels[level];
      if (level == 4 && n <= 2) break;  // within 2n is within n + 2
      // (The words side by side as typed are the first tier's.)
      if (level > 0 || !phrase_alone) {
        closeness.push_back(constant_on(Xapian::Query(op, as_typed.begin(), as_typed.end(), window),
                                        bonus[level] * informative));
      }
      if (any_marked) {
        closeness.push_back(
            constant_on(Xapian::Query(op, close.begin(), close.end(), window),
                        weights.other_forms_closeness * bonus[level] * informative_any));
      }
    }
  }
  // A query that names an article ("Điều 25 Hiến pháp", "dieu 25"): the passages of that
  // article are its two words side by side, wherever the article's number stands; those of
  // the document the rest of the query names (in its title) are the whole query side by side.
  for (std::size_t i = 0; i + 1 < content.size(); ++i) {
    const QueryUnit &a = content[i]->unit, &b = content[i + 1]->unit;
    if (a.words.size() != 1 || b.words.size() != 1 || a.words[0].folded != "dieu") continue;
    std::string number = b.words[0].folded;
    if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos) continue;
    number.erase(0, std::min(number.find_first_not_of('0'), number.size() - 1));
    const Xapian::Query article = term(terms::article(number));
    const Xapian::Query passages = and_not(article, typed_phrase);
    const double words = p.idf(terms::typed(a.words[0])) + p.idf(terms::typed(b.words[0]));
    others.push_back(part(passages, weights.phrase * words));
    std::vector<Xapian::Query> named;  // the other units, in the document's title as typed
    for (std::size_t k = 0; k < content.size(); ++k) {
      if (k != i && k != i + 1) named.push_back(Planner::unit_in_first_title(content[k]->unit));
    }
    if (!named.empty()) {
      others.push_back(
          part(and_q(passages, p.reports_where(all_of(named))), weights.article * informative));
    }
    plan.candidates = any_of({plan.candidates, restrict(article)});
  }
  // The rest of the candidates, and the reports' first passages by title (less the first
  // tier's: they are candidates); those with every word in some form also in a part with
  // their closeness (below), which titled passages that are not candidates have none of
  // (they may have the words close, only not as the candidates ask: a quoted unit apart).
  if (!closeness.empty()) {
    // With every passage at no weight among them: Xapian 1.4.22's matcher/maxpostlist.cc
    // reads a deleted child when all its children end at once (a crash); this one ends
    // last (tests/query/plan_test.cc TheLastTierAsksClosenessOnlyOfPassagesWithEveryWord).
    closeness.push_back(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query::MatchAll, 0));
    Xapian::Query close_enough(Xapian::Query::OP_MAX, closeness.begin(), closeness.end());
    // A passage that meets a condition has every word in some form (and is a candidate:
    // when no unit's words are evidence each, a titled passage may not be). Those passages
    // are a part of their own with the closeness, found by an AND of the words; the rest
    // part ranks every passage without it, with Xapian's pruning, which the closeness's
    // large constants on every candidate defeated (each passage of both parts weighs the
    // larger of its two weights: SearchPlan::Tier).
    Xapian::Query every_word = all_of(close);
    if (!words_are_evidence) every_word = and_q(every_word, candidates);
    others.push_back(Xapian::Query(Xapian::Query::OP_AND_MAYBE,
                                   part(and_not(every_word, typed_phrase)), close_enough));
  }
  for (const Xapian::Query& q : by_relevance(typed_phrase)) others.push_back(q);
  plan.tiers.push_back(std::move(others));
  return without_empty_parts(std::move(plan));
}

}  // namespace tracuu
