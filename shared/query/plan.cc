#include "query/plan.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "index/schema.h"
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

// What a tier's condition decides of the closeness bonuses over the query's words: a
// bonus every passage of the tier has is its factor added to those words' in the tier's
// OR (the same weight, no position read: Relevance::apply), one none has is left out.
// Only where the bonus's words are the words closeness is asked of (plan_search).
enum class Holds { kMaybe, kAlways, kNever };
struct Known {
  Holds phrase = Holds::kMaybe;  // the words side by side, in order
  Holds gap = Holds::kMaybe;     // in order within n + 1 positions
  Holds near = Holds::kMaybe;    // within 2n positions
};

struct Bonus {
  enum class Kind { kPhrase, kGap, kNear, kOther };
  Xapian::Query query;      // weighs where it matches
  double factor = 0;        // a closeness bonus's factor (on the query's words, Relevance)
  Kind kind = Kind::kOther;

  Holds holds(const Known& known) const {
    switch (kind) {
      case Kind::kPhrase: return known.phrase;
      case Kind::kGap: return known.gap;
      case Kind::kNear: return known.near;
      case Kind::kOther: break;
    }
    return Holds::kMaybe;
  }
};

// A bonus for `terms` at the positions `op` asks (OP_PHRASE, OP_NEAR within `window`),
// weighing what the positional query weighs: the positional query itself, which
// Relevance::apply adds on top of a tier (never inside its OR; see Relevance).
Bonus positional_bonus(double factor, Xapian::Query::op op, const std::vector<Xapian::Query>& terms,
                       Xapian::termcount window, Bonus::Kind kind = Bonus::Kind::kOther) {
  return {scaled(factor, Xapian::Query(op, terms.begin(), terms.end(), window)), factor, kind};
}

// The relevance of a tier: the OR of its plain parts (terms, and ORs of terms), plus the
// bonuses the tier does not decide (positional queries, a title: clause's ANDs of title
// words), each added with OP_AND_MAYBE on top of the tier rather than inside the OR. Xapian 1.4.22's OrPostList,
// when its first access is a check or skip_to with a minimum weight above its smaller
// side's maximum, decays to AND_MAYBE and syncs the other side at document 0; an AND,
// AND_MAYBE, phrase or NEAR there has not started, says it is at its end, and is dropped
// with its weight.
// A match reaches an OR that way when it starts with a minimum weight: each shard after
// the first of a local multi-database (x100: 56 of 80 queries ranked differently from one
// database), or a weight cutoff. A bare phrase in the OR also gave passages without the
// phrase its weight. Both: tests/query/tier_weight_test.cc.
struct Relevance {
  // The OR's parts: the query's words (each a term, its factor), the last word's other
  // completions (their factor: RankingWeights::prefix), and the rest (exact forms, title
  // words, word terms…).
  std::vector<std::pair<Xapian::Query, double>> words;
  std::vector<Xapian::Query> alternatives;  // the words of the units' other forms
  std::vector<Xapian::Query> completions;
  double completion_factor = 0;
  std::vector<Xapian::Query> rest;
  std::vector<Bonus> bonuses;   // added where they match

  // The OR, with `extra` more on each word and completion.
  Xapian::Query plain(double extra = 0) const {
    std::vector<Xapian::Query> parts;
    for (const auto& [q, factor] : words) parts.push_back(factor + extra == 1 ? q : scaled(factor + extra, q));
    parts.insert(parts.end(), alternatives.begin(), alternatives.end());
    if (!completions.empty() && completion_factor + extra > 0) {
      parts.push_back(scaled(completion_factor + extra, any_of(completions)));
    }
    parts.insert(parts.end(), rest.begin(), rest.end());
    return parts.empty() ? Xapian::Query(Xapian::Query::MatchAll) : any_of(parts);
  }

  // A tier: the OR with `condition` as a filter, plus the bonuses it does not decide. The
  // closeness bonuses are over the query's words and their completions, the OR's words
  // and completions (Planner::relevance): one that every passage of the tier has weighs
  // what its factor more on each of those terms weighs, so it is that factor added to
  // theirs — the same weight, no position read, and no AND beside the OR, which keeps
  // Xapian's pruning by maximum weight at work (x10 of news-dantri, phrase class of
  // bench/queries/mixed.tsv: median 8.0 / 9.4 -> 6.5 / 6.5 ms, tracuu-bench-e2e latency).
  // Without a condition, every bonus as a positional query (SearchPlan::relevance).
  Xapian::Query apply(const Xapian::Query* condition, const Known& known = {}) const {
    double always = 0;
    for (const Bonus& b : bonuses) {
      if (b.holds(known) == Holds::kAlways) always += b.factor;
    }
    Xapian::Query q = plain(always);
    if (condition != nullptr) q = Xapian::Query(Xapian::Query::OP_FILTER, q, *condition);
    for (const Bonus& b : bonuses) {
      if (b.holds(known) == Holds::kMaybe) q = Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, b.query);
    }
    return q;
  }
};

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

std::string exact_term(const Word& w) { return std::string(schema::kPrefixExact) + w.exact; }
std::string title_term(const std::string& folded) {
  return std::string(schema::kPrefixTitle) + folded;
}

// Builds the pieces of one query, with what the database lends it.
class Planner {
 public:
  Planner(const RankingWeights& weights, const PlanContext& context)
      : weights_(weights), context_(context) {}

  // A word as a term, or, the query's last word, also as the prefix of the words it may
  // begin (expanded through the database). A form typed with diacritics is completed only
  // by words whose folded form is one of the folded word's completions: wherever the
  // typed form is, the folded word is too, at the same positions, so that each tier as
  // typed holds a subset of the same tier in any form (plan_search relies on it).
  Xapian::Query word(const Word& w, const std::string& prefix, bool expand, bool exact) const {
    const std::string t = prefix + (exact ? w.exact : w.folded);
    if (!expand || !context_.expand_prefix) return term(t);
    std::vector<Xapian::Query> forms = {term(t)};
    const std::vector<std::string>* folded = exact ? &completions(w.folded) : nullptr;
    for (const std::string& completion : completions(t)) {
      if (completion == t) continue;
      if (folded != nullptr) {
        if (!completion.starts_with(prefix)) continue;
        const std::string f = fold_diacritics(std::string_view(completion).substr(prefix.size()));
        if (f != w.folded && std::find(folded->begin(), folded->end(), f) == folded->end()) continue;
      }
      forms.push_back(term(completion));
    }
    return any_of(forms);
  }

  // The folded terms a word stands for in closeness: itself, and its completions when it
  // is the query's last word, typed as a prefix.
  std::vector<std::string> folded_terms(const Word& w, bool expand) const {
    std::vector<std::string> out = {w.folded};
    if (expand && context_.expand_prefix) {
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

  Xapian::Query phrase(const QueryUnit& u) const {
    std::vector<Xapian::Query> terms;
    for (std::size_t i = 0; i < u.words.size(); ++i) {
      terms.push_back(word(u.words[i], "", u.prefix && i + 1 == u.words.size(), false));
    }
    if (terms.size() == 1) return terms[0];
    return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end());
  }

  // The passages that contain the unit in any form.
  Xapian::Query cover(const QueryUnit& u) const {
    std::vector<Xapian::Query> forms;
    for (const std::string& t : u.whole_terms) forms.push_back(term(t));
    if (u.whole_terms.empty() || !u.numeric) forms.push_back(phrase(u));  // TP. HCM for TP.HCM
    for (const QueryUnit& alt : u.alternatives) forms.push_back(cover(alt));
    return any_of(forms);
  }

  // The passages with every word typed with diacritics in that form (or the unit in one of
  // its other forms); empty when no word has diacritics.
  Xapian::Query exact(const QueryUnit& u) const {
    std::vector<Xapian::Query> typed;
    for (std::size_t i = 0; i < u.words.size(); ++i) {
      const Word& w = u.words[i];
      if (has_diacritics(w)) {
        typed.push_back(word(w, std::string(schema::kPrefixExact), u.prefix && i + 1 == u.words.size(), true));
      }
    }
    if (typed.empty()) return Xapian::Query();
    std::vector<Xapian::Query> forms = {all_of(typed)};
    for (const QueryUnit& alt : u.alternatives) forms.push_back(cover(alt));
    return any_of(forms);
  }

  // The passages whose report title has the unit (its words: titles have no positions).
  Xapian::Query in_title(const QueryUnit& u) const {
    std::vector<Xapian::Query> forms;
    title_forms(u, forms);
    return any_of(forms);
  }

  // The unit's forms in a title, its alternatives' included: whole terms, and ANDs of its
  // words.
  void title_forms(const QueryUnit& u, std::vector<Xapian::Query>& out) const {
    for (const std::string& t : u.whole_terms) out.push_back(term(title_term(t)));
    if (u.whole_terms.empty() || !u.numeric) {
      std::vector<Xapian::Query> words;
      for (const Word& w : u.words) words.push_back(term(title_term(w.folded)));
      out.push_back(all_of(words));
    }
    for (const QueryUnit& alt : u.alternatives) title_forms(alt, out);
  }

  // Every title term of those forms.
  static void title_leaves(const QueryUnit& u, std::vector<Xapian::Query>& out) {
    for (const std::string& t : u.whole_terms) out.push_back(term(title_term(t)));
    for (const Word& w : u.words) out.push_back(term(title_term(w.folded)));
    for (const QueryUnit& alt : u.alternatives) title_leaves(alt, out);
  }

  // A clause's three conditions: any form, as typed (empty: no condition), in the title.
  struct Conditions {
    Xapian::Query cover, exact, title;
  };

  Conditions conditions(const Clause& c) const {
    switch (c.kind) {
      case Clause::Kind::kUnit:
        return {cover(c.unit), exact(c.unit), in_title(c.unit)};
      case Clause::Kind::kNear: {
        std::vector<Xapian::Query> words, typed, titles;
        for (const Clause& child : c.children) {
          const Word& w = child.unit.words[0];
          words.push_back(word(w, "", child.unit.prefix, false));
          if (has_diacritics(w)) typed.push_back(term(exact_term(w)));
          titles.push_back(term(title_term(w.folded)));
        }
        // NEAR/n, as Xapian's QueryParser reads it: the k words within a window of n + k - 1
        // positions (two words at most n positions apart).
        const auto window = static_cast<Xapian::termcount>(c.window + words.size() - 1);
        const Xapian::Query near(Xapian::Query::OP_NEAR, words.begin(), words.end(), window);
        return {near, typed.empty() ? Xapian::Query() : all_of(typed), all_of(titles)};
      }
      case Clause::Kind::kAll:
      case Clause::Kind::kAny: {
        const bool all = c.kind == Clause::Kind::kAll;
        std::vector<Xapian::Query> covers, exacts, titles, excluded;
        bool any_exact = false;
        for (const Clause& child : c.children) {
          const Conditions cc = conditions(child);
          if (child.negated) {
            excluded.push_back(cc.cover);
            continue;
          }
          covers.push_back(cc.cover);
          titles.push_back(cc.title);
          any_exact |= !cc.exact.empty();
          exacts.push_back(cc.exact.empty() ? cc.cover : cc.exact);
        }
        Conditions out{all ? all_of(covers) : any_of(covers),
                       any_exact ? (all ? all_of(exacts) : any_of(exacts)) : Xapian::Query(),
                       all ? all_of(titles) : any_of(titles)};
        if (!excluded.empty()) {
          const Xapian::Query none = any_of(excluded);
          out.cover = and_not(out.cover, none);
          if (!out.exact.empty()) out.exact = and_not(out.exact, none);
          out.title = and_not(out.title, none);
        }
        return out;
      }
      default:
        return {filter(c), Xapian::Query(), filter(c)};
    }
  }

  // The boolean condition of a filter clause.
  Xapian::Query filter(const Clause& c) const {
    switch (c.kind) {
      case Clause::Kind::kTitle: {
        std::vector<Xapian::Query> parts;
        for (const Clause& child : c.children) parts.push_back(in_title(child.unit));
        return all_of(parts);
      }
      case Clause::Kind::kSource: {
        std::vector<Xapian::Query> parts;
        for (const Word& w : analyze(c.value)) {
          parts.push_back(term(std::string(schema::kPrefixSource) + w.folded));
        }
        return all_of(parts);
      }
      case Clause::Kind::kId:
        return term(std::string(schema::kPrefixReport) + c.value);
      case Clause::Kind::kRef: {
        // ref:ND-86 also finds the fuller numbers of that document (ND-86/2015/CP), whose
        // keys begin with it (text/refs.h).
        const std::string key = std::string(schema::kPrefixRef) + c.value;
        return Xapian::Query(Xapian::Query::OP_OR, term(key),
                             Xapian::Query(Xapian::Query::OP_WILDCARD, key + "/"));
      }
      case Clause::Kind::kArticle:
        return term(std::string(schema::kPrefixArticle) + c.value);
      case Clause::Kind::kDate:
        return date_range(c.value, c.value_end);
      default:
        return conditions(c).cover;
    }
  }

  static Xapian::Query date_range(const std::string& begin, const std::string& end) {
    Xapian::DateRangeProcessor dates(schema::kSlotDate);
    return dates(begin, end);
  }

  // Every word of the positive units, for relevance and closeness.
  static void positive_words(const Clause& c, std::vector<std::pair<const Word*, bool>>& out) {
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

  static bool is_filter(const Clause& c) {
    return c.kind == Clause::Kind::kTitle || c.kind == Clause::Kind::kSource ||
           c.kind == Clause::Kind::kId || c.kind == Clause::Kind::kDate ||
           c.kind == Clause::Kind::kRef || c.kind == Clause::Kind::kArticle;
  }

  Relevance relevance(const ParsedQuery& query, const std::vector<const Clause*>& content,
                      bool plain) const {
    std::vector<std::pair<const Word*, bool>> words;
    for (const Clause* c : content) positive_words(*c, words);
    std::vector<Xapian::Query> parts, exact_terms, title_terms, whole, folded;
    Relevance out;
    out.completion_factor = weights_.prefix;
    for (const auto& [w, prefix] : words) {
      // The last word is also a completion of itself: one term weighed 1 + prefix rather
      // than two of the same posting list, 1 and prefix (the same weight, read once).
      out.words.emplace_back(term(w->folded), prefix ? 1 + weights_.prefix : 1);
      if (prefix) {
        for (const std::string& c : folded_terms(*w, true)) {
          if (c != w->folded) out.completions.push_back(term(c));
        }
      }
      folded.push_back(word(*w, "", prefix, false));
      if (has_diacritics(*w)) exact_terms.push_back(term(exact_term(*w)));
      title_terms.push_back(term(title_term(w->folded)));
    }
    for (const QueryUnit* u : query.positive_units()) {
      for (const std::string& t : u->whole_terms) whole.push_back(term(t));
      for (const QueryUnit& alt : u->alternatives) {
        for (const Word& w : alt.words) out.alternatives.push_back(term(w.folded));
        for (const std::string& t : alt.whole_terms) whole.push_back(term(t));
      }
    }
    if (!exact_terms.empty()) parts.push_back(scaled(weights_.exact, any_of(exact_terms)));
    if (!whole.empty()) parts.push_back(scaled(weights_.whole, any_of(whole)));
    if (plain && folded.size() > 1) {
      const auto n = static_cast<Xapian::termcount>(folded.size());
      out.bonuses.push_back(positional_bonus(weights_.phrase, Xapian::Query::OP_PHRASE, folded, n, Bonus::Kind::kPhrase));
      if (weights_.gap > 0) out.bonuses.push_back(positional_bonus(weights_.gap, Xapian::Query::OP_PHRASE, folded, n + 1, Bonus::Kind::kGap));
      if (weights_.near > 0) out.bonuses.push_back(positional_bonus(weights_.near, Xapian::Query::OP_NEAR, folded, 2 * n, Bonus::Kind::kNear));
    }
    // A title: clause weighs what its forms found in the title weigh, each a bonus (an AND
    // of title words must not sit in the OR); its title terms, and those of the units'
    // other forms, are in the OR without weight, so that the OR holds every passage a
    // tier's condition lets through by its title.
    std::vector<Xapian::Query> title_cover;
    for (const QueryUnit* u : query.positive_units()) {  // its words are in title_terms
      for (const std::string& t : u->whole_terms) title_cover.push_back(term(title_term(t)));
      for (const QueryUnit& alt : u->alternatives) title_leaves(alt, title_cover);
    }
    for (const Clause& c : query.clauses) {
      if (c.kind != Clause::Kind::kTitle || c.negated) continue;
      for (const Clause& child : c.children) {
        title_leaves(child.unit, title_cover);
        if (weights_.title <= 0) continue;
        std::vector<Xapian::Query> forms;
        title_forms(child.unit, forms);
        for (const Xapian::Query& f : forms) out.bonuses.push_back({scaled(weights_.title, f), 0, Bonus::Kind::kOther});
      }
    }
    if (weights_.title > 0 && !title_terms.empty()) parts.push_back(scaled(weights_.title, any_of(title_terms)));
    if (!title_cover.empty()) parts.push_back(scaled(0, any_of(title_cover)));
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

  // The terms closeness is asked of: every positive word, folded, or (`typed`) in the form
  // typed where it was typed with diacritics; empty when closeness cannot be asked (fewer
  // than two words, OR and NEAR groups; a unit with other forms is left out of it).
  // `every_unit`: a unit with other forms too (its own words).
  std::vector<Xapian::Query> closeness_terms(const std::vector<const Clause*>& content, bool typed,
                                             bool every_unit = false) const {
    std::vector<Xapian::Query> words;
    for (const Clause* c : content) {
      if (c->kind != Clause::Kind::kUnit) return {};
      if (!every_unit && !c->unit.alternatives.empty()) continue;  // its other form has other words
      const QueryUnit& u = c->unit;
      for (std::size_t i = 0; i < u.words.size(); ++i) {
        const Word& w = u.words[i];
        const bool exact = typed && has_diacritics(w);
        words.push_back(word(w, exact ? std::string(schema::kPrefixExact) : "", u.prefix && i + 1 == u.words.size(), exact));
      }
    }
    if (words.size() < 2) return {};
    return words;
  }

  // The words side by side in any order, or in the order typed with one word between them.
  Xapian::Query adjacent(const std::vector<const Clause*>& content, bool typed) const {
    const auto words = closeness_terms(content, typed);
    if (words.empty()) return Xapian::Query();
    const auto n = static_cast<Xapian::termcount>(words.size());
    return Xapian::Query(Xapian::Query::OP_OR,
                         Xapian::Query(Xapian::Query::OP_NEAR, words.begin(), words.end(), n),
                         Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), n + 1));
  }

  // The words side by side in the order typed.
  Xapian::Query side_by_side(const std::vector<const Clause*>& content, bool typed, bool every_unit = false) const {
    const auto words = closeness_terms(content, typed, every_unit);
    if (words.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), static_cast<Xapian::termcount>(words.size()));
  }

  // The words within n + 2 positions, in any order.
  Xapian::Query close(const std::vector<const Clause*>& content, bool typed) const {
    const auto words = closeness_terms(content, typed);
    if (words.empty()) return Xapian::Query();
    const auto n = static_cast<Xapian::termcount>(words.size());
    return Xapian::Query(Xapian::Query::OP_NEAR, words.begin(), words.end(), n + 2);
  }

 private:
  const RankingWeights& weights_;
  const PlanContext& context_;
  mutable std::map<std::string, std::vector<std::string>> completions_;
};

}  // namespace

bool valid_date_range(const std::string& begin, const std::string& end) {
  Xapian::DateRangeProcessor dates(schema::kSlotDate);
  return dates(begin, end).get_type() != Xapian::Query::OP_INVALID;
}

SearchPlan plan_search(const ParsedQuery& query, const RankingWeights& weights,
                       const PlanContext& context) {
  Planner p(weights, context);
  std::vector<const Clause*> content;   // positive clauses, ranked
  std::vector<Xapian::Query> required, filters, excluded;
  bool plain = true;  // only units: phrase and closeness bonuses make sense
  for (const Clause& c : query.clauses) {
    if (c.negated) {
      excluded.push_back(p.conditions(c).cover);
    } else if (Planner::is_filter(c)) {
      filters.push_back(p.filter(c));
    } else {
      content.push_back(&c);
      if (c.kind != Clause::Kind::kUnit) plain = false;
      if (c.required) required.push_back(p.conditions(c).cover);
    }
  }
  const Relevance relevance = p.relevance(query, content, plain);

  // Every tier holds the required parts and the filters, and none of the excluded.
  auto tier = [&](Xapian::Query condition, const Known& known = {}) {
    for (const Xapian::Query& r : required) condition = and_q(condition, r);
    for (const Xapian::Query& f : filters) condition = and_q(condition, f);
    if (!excluded.empty()) condition = and_not(condition, any_of(excluded));
    return relevance.apply(&condition, known);
  };

  SearchPlan plan;
  plan.relevance = relevance.apply(nullptr);
  if (content.empty()) {  // filters alone: every passage they let through, by relevance
    plan.all_parts = tier(Xapian::Query::MatchAll);
    plan.tiers.push_back(plan.all_parts);
    plan.matches.push_back(Match::kAll);
    return plan;
  }
  std::vector<Xapian::Query> covers, exacts, titles;
  bool any_exact = false;
  for (const Clause* c : content) {
    const Planner::Conditions cc = p.conditions(*c);
    covers.push_back(cc.cover);
    titles.push_back(any_of({cc.cover, cc.title}));
    any_exact |= !cc.exact.empty();
    exacts.push_back(cc.exact.empty() ? cc.cover : cc.exact);
  }
  const Xapian::Query all = all_of(covers);
  const Xapian::Query typed = any_exact ? all_of(exacts) : Xapian::Query();

  // What each tier's condition decides of the closeness bonuses (Known): where the words
  // closeness is asked of are the bonuses' words (units only, none with other forms), n
  // of them, no two sharing a term. Windows only widen: a phrase within w positions is
  // also near within w, and near within w is near within any w' >= w. Not so for a term
  // in two places of a NEAR (a word typed twice, a completion of the last word that is
  // another of the words): for "hà nội hà", Xapian found passages side by side (near
  // within 3, or in order within 4) and not near within 6 (tests/query/tier_weight_test.cc).
  std::size_t n = 0;
  bool decided = plain, single_words = true, distinct = true;
  std::set<std::string> seen;
  for (const Clause* c : content) {
    decided &= c->kind == Clause::Kind::kUnit && c->unit.alternatives.empty();
    if (c->kind == Clause::Kind::kUnit) {
      const QueryUnit& u = c->unit;
      n += u.words.size();
      single_words &= u.words.size() == 1;
      for (std::size_t i = 0; i < u.words.size(); ++i) {
        for (const std::string& t : p.folded_terms(u.words[i], u.prefix && i + 1 == u.words.size())) {
          distinct &= seen.insert(t).second;
        }
      }
    }
  }
  decided &= n >= 2 && distinct;
  // One quoted phrase (no other forms, not a compound): every passage with it has its
  // words side by side in order, so there is one closeness level, and every closeness
  // bonus holds in it.
  const QueryUnit* quoted = content.size() == 1 && content[0]->kind == Clause::Kind::kUnit ? &content[0]->unit : nullptr;
  if (quoted != nullptr && !(decided && quoted->quoted && quoted->whole_terms.empty())) quoted = nullptr;
  const Holds never = Holds::kNever, always = Holds::kAlways, maybe = Holds::kMaybe;
  auto if_decided = [decided](Known k) { return decided ? k : Known{}; };

  // Tiers 1-6: closeness (side by side in any order or in order with one word between;
  // within two words more; scattered), each first with the words typed with diacritics in
  // that form at the same positions (exact terms carry positions), then in any form.
  struct Level {
    Xapian::Query any_form, as_typed;
    Known known;
    // as_typed implies any_form (closeness of the typed forms is closeness of the words:
    // Planner::word; with no term in two places, as above): the tier as typed is all of
    // the parts with as_typed alone, one positional condition fewer to read.
    bool typed_implies_level = false;
  };
  const Xapian::Query adjacent = p.adjacent(content, false), close = p.close(content, false);
  std::vector<Level> levels;
  if (quoted != nullptr) {
    // As typed: the typed forms side by side in order, where the words are (exact terms
    // sit at the positions of their folded ones), which is the phrase too.
    levels = {{Xapian::Query::MatchAll, p.side_by_side(content, true), {always, always, always}, true}};
  } else if (!close.empty()) {
    const Xapian::Query near_not_adjacent = and_not(close, adjacent);
    // Near within n + 2 implies near within 2n for n >= 2; not near within n + 2 rules out
    // near within 2n for n = 2.
    levels = {{adjacent, p.adjacent(content, true), if_decided({maybe, maybe, always}), distinct},
              {near_not_adjacent, and_not(p.close(content, true), adjacent), if_decided({never, never, always}), distinct},
              {Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, close), typed,
               if_decided({never, never, n <= 2 ? never : maybe})}};
  } else {
    levels = {{Xapian::Query::MatchAll, typed, {}}};
  }
  // In the first level's first tier, the words side by side in the order typed (each in
  // the form typed, where it was typed with diacritics) come first: every closeness bonus
  // holds there, so that tier reads no position but its condition's, and it fills the
  // page of a query of common words (x10 of news-dantri, common class of
  // bench/queries/mixed.tsv: p99 83 / 84 -> 42 / 44 ms, tracuu-bench-e2e latency).
  // Also where a unit has other forms (Việt Nam, VN): the phrase is of the query's own
  // words, those of the bonuses. Closeness is asked of the other units only, so the
  // phrase implies their closeness (the first level's, which this tier is part of) only
  // where they are side by side in it: not with such a unit between them ("đội tuyển
  // Việt Nam thắng": đội … thắng are 4 positions apart).
  bool units_together = true;
  std::optional<std::size_t> last_plain;  // the last unit without other forms
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i]->kind != Clause::Kind::kUnit || !content[i]->unit.alternatives.empty()) continue;
    if (last_plain && i != *last_plain + 1) units_together = false;
    last_plain = i;
  }
  const bool phrase_first = plain && n >= 2 && distinct && quoted == nullptr && units_together;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const Level& level = levels[i];
    const Xapian::Query in_level = and_q(all, level.any_form);
    const Xapian::Query first = any_exact ? and_q(level.typed_implies_level ? all : in_level, level.as_typed) : in_level;
    if (i == 0 && phrase_first) {
      const Xapian::Query phrase = p.side_by_side(content, any_exact, true);
      // Each part is there where its words are side by side (Planner::cover), but for a
      // number whose whole terms alone stand for it: the phrase alone is the condition,
      // not beside every part's own (Việt Nam's, a phrase in an OR with VN, read the
      // positions of every passage with both words: x10 32 -> 14 ms).
      bool implies_all = true;
      for (const Clause* c : content) implies_all &= !(c->unit.numeric && !c->unit.whole_terms.empty());
      plan.tiers.push_back(tier(implies_all ? phrase : and_q(all, phrase), {always, always, always}));
      Known rest = level.known;
      if (!any_exact) rest.phrase = never;  // the phrase is the bonus's own query
      plan.tiers.push_back(tier(and_not(first, phrase), rest));
    } else {
      plan.tiers.push_back(tier(first, level.known));
    }
    if (any_exact) plan.tiers.push_back(tier(and_not(in_level, level.as_typed), level.known));
  }
  plan.matches.assign(plan.tiers.size(), Match::kAll);
  // Tiers 7 and 8 lack some part in the passage's own text. When every part is one word,
  // that is one of the bonuses' words: no closeness bonus holds. Without its phrase, a
  // quoted phrase's passages have no side-by-side bonus.
  Known partial;
  if (decided && single_words) partial = {never, never, never};
  if (quoted != nullptr) partial = {never, maybe, maybe};
  // Tier 7: with the title as context.
  const Xapian::Query all_in_context = all_of(titles);
  plan.tiers.push_back(tier(and_not(all_in_context, all), partial));
  plan.matches.push_back(Match::kTitle);
  plan.all_parts = tier(all);
  // Tier 8: some of the parts.
  if (content.size() > 1) {
    plan.tiers.push_back(tier(and_not(any_of(covers), all_in_context), partial));
    plan.matches.push_back(Match::kSome);
  }
  return plan;
}

}  // namespace tracuu
