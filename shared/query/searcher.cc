#include "query/searcher.h"

#include <fmt/format.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "error.h"
#include "index/database.h"
#include "index/model_file.h"
#include "index/schema.h"
#include "index/shards.h"
#include "index/terms.h"
#include "query/plan.h"
#include "query/suggest.h"
#include "query/synonyms.h"
#include "segment/segmenter.h"
#include "segment/words.h"
#include "text/analyze.h"
#include "text/chars.h"
#include "text/fold.h"
#include "text/refs.h"
#include "text/utf8.h"

namespace tracuu {

std::vector<Span> highlight(const ParsedQuery& query, std::string_view text,
                            const std::vector<std::string>* completions) {
  const std::vector<Word> words = analyze(text);
  std::vector<bool> lit(words.size(), false);
  std::vector<bool> linked(words.size(), false);  // lit together with the word before it

  // What to look for: phrases (quoted, or the multi-word forms of abbreviations), single
  // words (folded → the exact forms typed), and the prefix of the query's last word.
  std::vector<const std::vector<Word>*> phrases;
  std::unordered_map<std::string, std::unordered_set<std::string>> wanted;
  std::vector<std::pair<std::string, bool>> prefixes;  // the prefix; compared exact?
  // Compounds of the passage are also lit whole when one of their whole terms is wanted:
  // a compound typed another way (TPHCM for TP.HCM, covid19 for Covid-19, 16/6 in
  // 16/6/2025).
  std::unordered_set<std::string> whole;
  auto add_unit = [&](const QueryUnit& u, auto& self) -> void {
    whole.insert(u.whole_terms.begin(), u.whole_terms.end());
    if (u.words.size() == 1) whole.insert(u.words[0].folded);
    if (u.quoted) {
      phrases.push_back(&u.words);
    } else if (!u.numeric) {  // a number is found whole only (its whole terms, above)
      for (std::size_t i = 0; i < u.words.size(); ++i) {
        const Word& q = u.words[i];
        auto& exacts = wanted[q.folded];
        if (has_diacritics(q)) exacts.insert(q.exact);
        if (u.prefix && i + 1 == u.words.size()) {
          prefixes.emplace_back(has_diacritics(q) ? q.exact : q.folded, has_diacritics(q));
        }
      }
    }
    for (const QueryUnit& alt : u.alternatives) {
      if (alt.words.size() > 1 && alt.whole_terms.empty()) {
        phrases.push_back(&alt.words);
      } else {
        self(alt, self);
      }
    }
  };
  for (const QueryUnit* u : query.positive_units()) add_unit(*u, add_unit);

  for (const std::vector<Word>* phrase : phrases) {
    const std::size_t n = phrase->size();
    for (std::size_t i = 0; i + n <= words.size(); ++i) {
      std::size_t k = 0;
      while (k < n && words[i + k].folded == (*phrase)[k].folded) ++k;
      if (k < n) continue;
      for (k = 0; k < n; ++k) {
        lit[i + k] = true;
        if (k > 0) linked[i + k] = true;
      }
    }
  }

  // A word typed with diacritics: its occurrences in that form when the passage has any,
  // else every form.
  std::unordered_set<std::string> present;
  for (const Word& w : words) present.insert(w.exact);
  for (auto& [folded, exacts] : wanted) {
    bool any_present = false;
    for (const auto& e : exacts) any_present |= present.count(e) > 0;
    if (!any_present) exacts.clear();
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto it = wanted.find(words[i].folded);
    if (it != wanted.end() && (it->second.empty() || it->second.count(words[i].exact))) {
      lit[i] = true;
    }
    for (const auto& [p, exact] : prefixes) {
      if (!(exact ? words[i].exact : words[i].folded).starts_with(p)) continue;
      if (completions == nullptr ||
          std::binary_search(completions->begin(), completions->end(), words[i].folded)) {
        lit[i] = true;
      }
    }
  }

  for (std::size_t i = 0; i < words.size();) {
    const std::size_t end = compound_end(words, i);
    if (end - i > 1) {
      for (const std::string& t : compound_terms(text, words, i, end)) {
        if (!whole.count(t)) continue;
        for (std::size_t k = i; k < end; ++k) lit[k] = true;
        break;
      }
    }
    i = end;
  }

  std::vector<Span> spans;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!lit[i]) continue;
    // One span across a compound's connector (60-NQ/TW) and across a phrase.
    if (i > 0 && lit[i - 1] && (words[i].joined || linked[i])) {
      spans.back().second = words[i].end;
    } else {
      spans.emplace_back(words[i].start, words[i].end);
    }
  }
  // ref: the citations of that document, whole ("Nghị định số 86/2015/NĐ-CP"), as ref:
  // finds them: the key, or a fuller one it begins (plan.cc).
  std::vector<std::string> refs;
  const auto add_refs = [&](const Clause& c, auto& self) -> void {
    if (c.negated) return;
    if (c.kind == Clause::Kind::kRef) refs.push_back(c.value);
    for (const Clause& child : c.children) self(child, self);
  };
  for (const Clause& c : query.clauses) add_refs(c, add_refs);
  if (refs.empty()) return spans;
  for (const DocumentRef& r : find_refs(text)) {
    for (const std::string& key : refs) {
      if (r.key == key || r.key.starts_with(key + "/")) {
        spans.emplace_back(static_cast<std::uint32_t>(r.begin), static_cast<std::uint32_t>(r.end));
      }
    }
  }
  std::sort(spans.begin(), spans.end());
  std::vector<Span> merged;
  for (const Span& s : spans) {
    if (!merged.empty() && s.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, s.second);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

namespace {

// How many prefix completions a half-typed last word may bring, and how many terms are
// looked at to find them (the most frequent of those win).
constexpr std::size_t kMaxCompletions = 50;
constexpr std::size_t kMaxCompletionScan = 3000;
// How many of the query's words before its last one may begin a word it completes.
constexpr std::size_t kMaxWordUnitsBefore = 3;

// The words of the query's positive units, in the order of the query's text.
std::vector<const Word*> words_in_order(const ParsedQuery& q) {
  std::vector<const Word*> words;
  for (const QueryUnit* u : q.positive_units()) {
    for (const Word& w : u->words) words.push_back(&w);
  }
  std::sort(words.begin(), words.end(),
            [](const Word* a, const Word* b) { return a->start < b->start; });
  return words;
}

// Whether `s` holds white space only, as the query parser separates words (a no-break
// space too).
bool only_white_space(std::string_view s) {
  for (std::size_t pos = 0; pos < s.size();) {
    if (!is_white_space(next_code_point(s, pos))) return false;
  }
  return true;
}

// The query's last word when it is typed as a prefix, in a clause left out too ("ung -và").
const Word* prefix_word(const std::vector<Clause>& clauses) {
  for (const Clause& c : clauses) {
    if (c.kind == Clause::Kind::kUnit && c.unit.prefix && !c.unit.words.empty())
      return &c.unit.words.back();
    if (const Word* w = prefix_word(c.children)) return w;
  }
  return nullptr;
}

// The words (folded, sorted) the query's last word, typed as a prefix, is completed to;
// nullopt: any word it begins (the most frequent: kMaxCompletions). The last word is taken
// as typed in full when the database has it (in the form typed) and either it makes a word
// of the database's segmentation with the query's words just before it, which spaces
// alone separate from it ("ung thu": its word term ung_thu), or passages have it at least
// as often as all the words it begins together ("và": vào, vàng…); it is then completed
// only to what makes such a word with the words before it ("khuyết đi": điểm, for
// khuyet_diem). Otherwise it was cut short ("khuyế", "lạ" for lại, "Vi" for Việt) and is
// completed to any word it begins (completing `và`, typed whole, to vào would weigh every
// passage with vào).
std::optional<std::vector<std::string>> completion_scope(const Xapian::Database& db,
                                                         const ParsedQuery& q) {
  const Word* last = prefix_word(q.clauses);
  if (last == nullptr) return std::nullopt;
  const std::string typed = terms::typed(*last);
  const Xapian::doccount typed_freq = db.get_termfreq(typed);
  if (typed_freq == 0) return std::nullopt;

  std::vector<const Word*> before = words_in_order(q);  // the query's words before it
  std::erase_if(before, [last](const Word* w) { return w->start >= last->start; });
  std::vector<std::string> out;
  bool makes_word = false;
  std::string stem = last->folded;
  // The same words as typed, while every one has diacritics: "tuyển bó" is not tuyên bố.
  std::string typed_stem = has_diacritics(*last) ? last->exact : "";
  for (std::size_t k = 1; k <= kMaxWordUnitsBefore && k <= before.size(); ++k) {
    const Word& w = *before[before.size() - k];
    // Only words that spaces alone separate make a word (not across `,`, `"`, OR, -).
    const Word& next = k == 1 ? *last : *before[before.size() - k + 1];
    if (next.start < w.end) break;
    const std::string_view gap = std::string_view(q.text).substr(w.end, next.start - w.end);
    if (!only_white_space(gap)) break;
    stem = terms::join_units(w.folded, stem);  // the k words before, then the last one
    typed_stem =
        typed_stem.empty() || !has_diacritics(w) ? "" : terms::join_units(w.exact, typed_stem);
    if (!typed_stem.empty()) {
      makes_word |= db.term_exists(terms::exact(typed_stem));
    }
    const std::size_t from = stem.size() - last->folded.size();
    std::size_t scanned = 0;
    for (auto it = db.allterms_begin(stem);
         it != db.allterms_end(stem) && scanned < kMaxCompletionScan; ++it, ++scanned) {
      const std::string t = *it;
      if (typed_stem.empty()) makes_word |= t.size() == stem.size();
      out.emplace_back(terms::first_unit(std::string_view(t).substr(from)));
    }
  }
  if (!makes_word) {
    // Passages with the words it begins, counted once per word; more words than are looked
    // at: cut short.
    std::uint64_t longer = 0;
    std::size_t scanned = 0;
    for (auto it = db.allterms_begin(typed); it != db.allterms_end(typed); ++it, ++scanned) {
      if (scanned == kMaxCompletionScan) return std::nullopt;
      const std::string t = *it;
      if (t != typed && !terms::is_word(t)) longer += it.get_termfreq();
      if (longer > typed_freq) return std::nullopt;
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// The fields of a report (schema.h: on its first passage), by report id.
struct ReportFields {
  std::string title, source, path, url, date, number;
};

ReportFields report_fields(const nlohmann::json& data) {
  ReportFields f;
  f.title = data.at("title").get<std::string>();
  f.source = data.at("source").get<std::string>();
  f.path = data.at("path").get<std::string>();
  if (!data.at("url").is_null()) f.url = data.at("url").get<std::string>();
  if (!data.at("date").is_null()) f.date = data.at("date").get<std::string>();
  if (!data.at("number").is_null()) f.number = data.at("number").get<std::string>();
  return f;
}

// `reports`: the fields of the reports read so far in this search, by id and database. A
// passage other than its report's first reads them from the first (one more document
// read, once per report): the first posting of the report's Q term in the passage's own
// database — of the `db.size()` databases searched as one, document d is in database
// (d - 1) mod size() — since a report id in two databases given to one search is two
// reports (README.md).
Hit hit_from(const Xapian::Database& db, Xapian::docid id, const Xapian::Document& doc,
             double score, Match match,
             std::map<std::pair<std::string, std::size_t>, ReportFields>& reports) {
  const auto data = nlohmann::json::parse(doc.get_data());
  Hit hit;
  hit.score = score;
  hit.match = match;
  hit.id = doc.get_value(schema::kSlotReport);
  hit.passage = data.at("passage").get<unsigned>();
  if (auto it = data.find("article"); it != data.end() && it->is_string()) hit.article = *it;
  if (auto it = data.find("line"); it != data.end()) hit.line = it->get<std::size_t>();
  hit.text = data.at("text").get<std::string>();
  const std::size_t databases = std::max<std::size_t>(db.size(), 1);
  const std::pair<std::string, std::size_t> key{hit.id, (id - 1) % databases};
  auto known = reports.find(key);
  if (known == reports.end()) {
    if (data.contains("title")) {
      known = reports.emplace(key, report_fields(data)).first;
    } else {
      const std::string term = terms::report(hit.id);
      Xapian::docid first = id;
      for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        if ((*it - 1) % databases == key.second) {
          first = *it;
          break;
        }
      }
      known =
          reports
              .emplace(key, report_fields(nlohmann::json::parse(db.get_document(first).get_data())))
              .first;
    }
  }
  const ReportFields& f = known->second;
  hit.title = f.title;
  hit.source = f.source;
  hit.path = f.path;
  hit.url = f.url;
  hit.date = f.date;
  hit.number = f.number;
  return hit;
}

// Weights are compared to 1e-9: a collection of shards sums a passage's term weights in
// another order than one database does (Xapian orders a query's terms by their frequency in
// each shard), so equal weights can differ in their last bits, and Xapian's own tie-break
// (report id) then does not apply to them. top() takes a passage only when every passage
// that could tie with it was fetched (kMaxTieFetch bounds how far it looks at once).
constexpr double kQuantaPerUnit = 1e9;
// The idf below which a word is not evidence for reranking: ln 5, in a fifth of the passages.
const double kLeastEvidence = std::log(5.0);
constexpr Xapian::doccount kFetchSlack = 10;
constexpr Xapian::doccount kMaxTieFetch = 20000;

Xapian::Query scaled(double factor, const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

// Every passage the enquire matches, in its order. Xapian reserves room for as many
// results as a match is asked for before it starts (matcher/multimatch.cc): asking for the
// collection's size would reserve memory that grows with the collection, on each remote
// shard too, where these matches hold the passages of a few reports (bench/README.md,
// "Result slots"). So a first match of at most kFirstMatches, and where that is full, a
// second of the first's upper bound of what matches.
// (tests/alloc/match_size_test.cc asks for more than kFirstMatches.)
constexpr Xapian::doccount kFirstMatches = 4096;
Xapian::MSet all_matches(Xapian::Enquire& e, Xapian::doccount doccount) {
  const Xapian::doccount first = std::min(doccount, kFirstMatches);
  Xapian::MSet m = e.get_mset(0, first);
  if (m.size() < first || first == doccount || m.get_matches_upper_bound() <= m.size()) return m;
  return e.get_mset(0, std::min(doccount, m.get_matches_upper_bound()));
}

// A passage of the ranking.
struct Ranked {
  std::int64_t quanta;  // the weight in units of 1 / kQuantaPerUnit
  std::string report;   // its report id, the tie-break after the weight, then the document id
  Xapian::MSetIterator it;
  std::size_t tier = 0;
  // Divided, not multiplied by the quantum: the nearest double to the decimal, printed short.
  double score() const { return static_cast<double>(quanta) / kQuantaPerUnit; }
};

// The order of one database, also over shards: by weight to 1 / kQuantaPerUnit, then report
// id (the sort key), then document id, which follows the passage ordinal within a report
// (its passages are added in order, and a report lives in one shard).
bool ranks_before(const Ranked& a, const Ranked& b) {
  if (a.quanta != b.quanta) return a.quanta > b.quanta;
  if (a.report != b.report) return a.report < b.report;
  return *a.it < *b.it;
}

// The weight cut-off that keeps every passage weighing at least `quanta` (rounded): a
// quarter of a quantum under its lowest possible weight.
double cutoff_below(std::int64_t quanta) {
  return (static_cast<double>(quanta) - 0.75) / kQuantaPerUnit;
}

// The first `n` passages of the enquire's query in that order (by date: Xapian's order, as
// it is) of those weighing at least `least` quanta, and whether they are all it has.
// There may be more than n: the first n of the passages fetched are right, and over shards
// every passage that ties with the n-th is there too.
struct Fetched {
  std::vector<Ranked> passages;
  bool complete = false;
};

Fetched top(Xapian::Enquire& e, Xapian::doccount n, bool by_relevance, bool sharded,
            std::optional<std::int64_t> least = std::nullopt) {
  Xapian::doccount size = n + kFetchSlack;
  std::optional<std::int64_t> floor = least;  // fetch every passage weighing at least this
  bool tie_floor = false;  // the floor is the weight of a tie group being completed
  for (;;) {
    e.set_cutoff(0, floor ? cutoff_below(*floor) : 0);
    const Xapian::MSet mset = e.get_mset(0, size);
    Fetched out;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      out.passages.push_back({std::llround(it.get_weight() * kQuantaPerUnit),
                              by_relevance ? it.get_sort_key() : "", it});
    }
    if (by_relevance) std::sort(out.passages.begin(), out.passages.end(), ranks_before);
    out.complete = mset.size() < size && !floor;
    if (mset.size() < size || !by_relevance || !sharded) return out;
    // Passages not fetched weigh at most what the last one fetched weighs: over shards, those
    // that round to its weight may rank among them. (One database has no such noise:
    // Xapian's own tie-break is exact there.)
    std::size_t usable = out.passages.size();
    while (usable > 0 && out.passages[usable - 1].quanta == out.passages.back().quanta) --usable;
    if (usable >= n) {
      out.passages.resize(usable);
      return out;
    }
    if (!tie_floor) {
      floor = out.passages.back().quanta;
      tie_floor = true;
      size = n + kMaxTieFetch;
    } else {
      floor = least;
      tie_floor = false;
      size *= 2;
    }
  }
}

}  // namespace

struct Searcher::Impl {
  Collection collection;
  Xapian::Database db;  // collection.all
  bool allow_partial = false;
  // The collection's segmentation models (~5 MB each), by Shard::model, read on first
  // use: a query of one word never needs them, and reading one is most of a short query's
  // time as a process.
  mutable std::map<std::size_t, Segmenter> segmenters_;
  RankingWeights weights;
  Synonyms synonyms;
  // The collection opened again at its latest revision, its models read again: as a
  // Searcher opened anew (how the API retried before the retry moved here).
  std::vector<std::string> specs;
  CollectionOptions collection_options;
  void reopen() {
    collection = open_collection(specs, collection_options);
    db = collection.all;
    segmenters_.clear();
    likely.reset();
  }

  // The likely forms of the positive words that `likely_key` names (likely_forms()), as
  // suggestion() found them, for the search of the same query that follows; none once the
  // collection changes.
  std::string likely_key;
  std::optional<std::vector<std::string>> likely;
  // What likely_forms() reads of a query: its positive words, in order.
  static std::string likely_key_of(const ParsedQuery& q) {
    std::string key;
    for (const QueryUnit* u : q.positive_units()) {
      for (const Word& w : u->words) {
        key += w.exact;
        key += '\0';
        key += w.folded;
        key += w.has_letter ? '\1' : '\2';
      }
    }
    return key;
  }
  std::vector<std::string> likely_forms_of(const ParsedQuery& q) const {
    if (likely && likely_key == likely_key_of(q)) return *likely;
    return likely_forms(q, db, cohesion());
  }

  const Segmenter& segmenter(const Shard& shard) const {
    if (auto it = segmenters_.find(shard.model); it != segmenters_.end()) return it->second;
    try {
      // The model file beside the database when it is the database's model, else the
      // database's own copy (schema.h).
      if (!shard.remote) {
        const std::string id = shard.db.get_metadata(std::string(schema::kSegmenterIdKey));
        if (std::optional<Segmenter> file = model_beside_database(shard.name, id)) {
          return segmenters_.emplace(shard.model, std::move(*file)).first->second;
        }
      }
      return segmenters_
          .emplace(shard.model,
                   Segmenter::deserialize(
                       shard.db.get_metadata(std::string(schema::kSegmenterKey)),
                       shard.name + " (its " + std::string(schema::kSegmenterKey) + " metadata)"))
          .first->second;
    } catch (const ModelError& e) {
      throw Error(e.what());
    }
  }

  // The cohesion of neighbouring forms in the corpora of the collection's models (the most
  // any gives), each model read when first asked: a query of one word asks none.
  Cohesion cohesion() const {
    return [this, models = std::vector<const Segmenter*>()](const std::uint64_t* forms,
                                                            std::size_t n) mutable {
      if (models.empty()) {
        for (const Shard* shard : collection.model_shards()) models.push_back(&segmenter(*shard));
      }
      float most = -1;
      for (const Segmenter* model : models) most = std::max(most, model->cohesion(forms, n));
      return most;
    };
  }

  // The report ids of the passages `q` matches (title: filters, PlanContext).
  std::vector<std::string> reports_where(const Xapian::Query& q) const {
    Xapian::Enquire e(db);
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.set_query(q);
    Xapian::ValueCountMatchSpy spy(schema::kSlotReport);
    e.add_matchspy(&spy);
    (void)e.get_mset(0, 0, db.get_doccount());
    std::vector<std::string> out;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) out.push_back(*it);
    return out;
  }

  // What --count and --facet need: the query as typed, its filters.
  PlanContext counting_context() const {
    PlanContext c;
    c.reports_where = [this](const Xapian::Query& q) { return reports_where(q); };
    return c;
  }

  // A term's idf: ln((N + 1) / (n + 1)) for n of the N passages.
  double idf(const std::string& term) const {
    return std::log((static_cast<double>(db.get_doccount()) + 1) /
                    (static_cast<double>(db.get_termfreq(term)) + 1));
  }

  // `scope`: completion_scope(db, q), which search_once also gives the highlighter.
  PlanContext context(const Searcher& s, const ParsedQuery& q,
                      const std::optional<std::vector<std::string>>& scope) const {
    PlanContext c = counting_context();
    c.idf = [this](const std::string& t) { return idf(t); };
    c.word_terms = s.word_terms(q);
    if (weights.likely > 0) {
      for (const std::string& form : likely_forms_of(q)) {
        if (!form.empty()) c.likely_terms.push_back(terms::exact(form));
      }
    }
    c.expand_prefix = [this, scope](const std::string& prefix) {
      if (scope && scope->empty()) return std::vector<std::string>();
      std::vector<std::pair<Xapian::doccount, std::string>> found;
      std::size_t scanned = 0;
      for (auto it = db.allterms_begin(prefix);
           it != db.allterms_end(prefix) && scanned < kMaxCompletionScan; ++it, ++scanned) {
        const std::string t = *it;
        if (terms::is_word(t)) continue;  // words: their syllables are terms too
        if (scope) {
          std::string_view form = terms::exact_form(t);
          if (form.empty()) form = t;
          if (!std::binary_search(scope->begin(), scope->end(), fold_diacritics(form))) continue;
        }
        found.emplace_back(it.get_termfreq(), t);
      }
      std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      std::vector<std::string> out;
      for (std::size_t i = 0; i < found.size() && i < kMaxCompletions; ++i)
        out.push_back(found[i].second);
      return out;
    };
    return c;
  }

  std::vector<Ranked> ranking(const SearchPlan& plan, const std::vector<SearchPlan::Tier>& tiers,
                              Xapian::doccount n, const SearchOptions& options,
                              bool& complete) const;
  void label(const SearchPlan& plan, std::vector<Hit>& hits,
             const std::vector<Xapian::docid>& ids) const;
  // The words rerank weighs, rarest first (idf, evidence); none: no reranking.
  using RerankWords = std::vector<std::pair<double, const Evidence*>>;
  RerankWords rerank_words(const SearchPlan& plan) const;
  void rerank(const RerankWords& words, std::vector<Ranked>& order) const;

  Xapian::Enquire enquire(const SearchOptions& options) const {
    Xapian::Enquire e(db);
    e.set_weighting_scheme(Xapian::BM25Weight(weights.k1, 0, 1, weights.b, weights.min_normlen));
    if (options.per_report > 0) e.set_collapse_key(schema::kSlotReport, options.per_report);
    if (options.sort != SearchOptions::Sort::kRelevance) {
      e.set_sort_by_value_then_relevance(schema::kSlotDate,
                                         options.sort == SearchOptions::Sort::kNewest);
      return e;
    }
    // Ties in weight broken by report id (slot 1), then by document id, which follows the
    // passage ordinal within a report (its passages are added in order, and a report lives
    // in one shard): the same order whatever the document ids are otherwise — one database,
    // or the same content in shards. A KeyMaker on slots 1 and 2 would say so directly, but
    // Xapian 1.4's remote backend supports none (UnimplementedError).
    e.set_sort_by_relevance_then_value(schema::kSlotReport, false);
    return e;
  }

  void add_neighbours(Hit& hit, unsigned context) const {
    const double lo = hit.passage >= context ? hit.passage - context : 0;
    const double hi = static_cast<double>(hit.passage) + context;
    const Xapian::Query q(
        Xapian::Query::OP_FILTER, Xapian::Query(terms::report(hit.id)),
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotOrdinal,
                      Xapian::sortable_serialise(lo), Xapian::sortable_serialise(hi)));
    Xapian::Enquire e(db);
    e.set_query(q);
    e.set_sort_by_value(schema::kSlotOrdinal, false);
    const Xapian::MSet m = e.get_mset(0, 2 * context + 1);
    for (auto it = m.begin(); it != m.end(); ++it) {
      const auto data = nlohmann::json::parse(it.get_document().get_data());
      Neighbour n{data.at("passage").get<unsigned>(), data.at("text").get<std::string>()};
      if (n.passage < hit.passage)
        hit.before.push_back(std::move(n));
      else if (n.passage > hit.passage)
        hit.after.push_back(std::move(n));
    }
  }
};

Searcher::Searcher(const std::string& db_path, const std::vector<std::string>& synonym_files)
    : Searcher(std::vector<std::string>{db_path}, CollectionOptions(), synonym_files) {}

Searcher::Searcher(const std::vector<std::string>& dbs, const CollectionOptions& options,
                   const std::vector<std::string>& synonym_files)
    : impl_(std::make_unique<Impl>()) {
  impl_->specs = dbs;
  impl_->collection_options = options;
  impl_->collection = open_collection(dbs, options);
  impl_->db = impl_->collection.all;
  impl_->allow_partial = options.allow_partial;
  std::vector<std::string> files = {shipped_synonyms_path()};
  files.insert(files.end(), synonym_files.begin(), synonym_files.end());
  for (const std::string& f : files) {
    try {
      impl_->synonyms.load(f);
    } catch (const InputError& e) {
      throw Error(fmt::format("{}: {}", e.location(), e.what()));
    }
  }
}

Searcher::~Searcher() = default;

const std::vector<MissingShard>& Searcher::missing_shards() const {
  return impl_->collection.missing;
}

// Runs `f`; when a remote shard stops answering meanwhile, names it (Error), or with
// allow_partial leaves it out and runs `f` again on the rest. When an indexer's commits
// made Xapian give up on the revision being read (DatabaseModifiedError: each commit keeps
// only the revision before it readable), reads the latest and runs `f` again.
template <class F>
auto Searcher::guarded(F f) -> decltype(f()) {
  constexpr int kMaxReopens = 20;
  int reopens = 0;
  // Data that does not parse, or a corrupt table: the local folders to check, named.
  const auto corrupt = [&](const std::string& why) {
    std::vector<std::string> folders;
    for (const Shard& s : impl_->collection.shards)
      folders.push_back(s.remote ? "on " + s.name : s.name);
    return corrupt_database_error(folders, why);
  };
  for (;;) {
    try {
      return f();
    } catch (const nlohmann::json::exception&) {
      throw corrupt("a passage's stored data is not what tracuu writes");
    } catch (const Xapian::DatabaseModifiedError&) {
      if (++reopens == kMaxReopens) throw;
      impl_->reopen();
    } catch (const Xapian::Error& e) {
      if (is_corruption(e)) throw corrupt(e.get_msg());
      if (!is_connection_error(e)) throw;
      const std::vector<MissingShard> gone = unreachable_shards(impl_->collection);
      if (gone.empty()) throw Error(fmt::format("a shard failed: {}", e.get_description()));
      if (!impl_->allow_partial || gone.size() == impl_->collection.shards.size()) {
        throw Error(gone.front().why);
      }
      drop_shards(impl_->collection, gone);
      impl_->db = impl_->collection.all;
      impl_->likely.reset();
    }
  }
}

void Searcher::set_weights(const RankingWeights& weights) { impl_->weights = weights; }

ParsedQuery Searcher::parse(std::string_view raw) const {
  return with_other_forms(parse_query(raw));
}

ParsedQuery Searcher::with_other_forms(ParsedQuery parsed) const {
  impl_->synonyms.expand(parsed);
  return parsed;
}

std::vector<std::string> Searcher::word_terms(const ParsedQuery& query) const {
  std::vector<Word> words;
  for (const Word* w : words_in_order(query)) words.push_back(*w);
  std::vector<std::string> out;
  if (words.size() < 2) return out;  // a word of two units needs two
  // Archives indexed separately learned their own models: the words each groups, together
  // (the syllable terms are the same everywhere).
  // One model's terms are taken as they come, so a collection of one model ranks as before.
  for (const Shard* shard : impl_->collection.model_shards()) {
    const std::size_t known = out.size();
    for (const MultiUnitWord& w : multi_unit_words(query.text, words, impl_->segmenter(*shard))) {
      std::string term = terms::word(w);
      const auto end = out.begin() + static_cast<std::ptrdiff_t>(known);
      if (std::find(out.begin(), end, term) == end) out.push_back(std::move(term));
    }
  }
  return out;
}

std::vector<Hit> Searcher::search(const ParsedQuery& query, const SearchOptions& options) {
  return guarded([&] { return search_once(query, options); });
}

Counts Searcher::count(const ParsedQuery& query) {
  return guarded([&] { return count_once(query); });
}

std::vector<FacetValue> Searcher::facet(const ParsedQuery& query, Facet facet, std::size_t max) {
  return guarded([&] { return facet_once(query, facet, max); });
}

std::vector<RefCount> Searcher::top_refs(std::size_t max, std::string_view kind) {
  return guarded([&] { return top_refs_once(max, kind); });
}

std::string Searcher::suggestion(const ParsedQuery& query) {
  return guarded([&] {
    // A query typed with diacritics that no passage has as typed is read for the forms
    // passages have.
    bool none_as_typed = false;
    for (const QueryUnit* u : query.positive_units()) {
      for (const Word& w : u->words) none_as_typed |= has_diacritics(w);
    }
    if (none_as_typed) {
      Xapian::Enquire e(impl_->db);
      e.set_weighting_scheme(Xapian::BoolWeight());
      e.set_query(plan_search(query, impl_->weights, impl_->counting_context()).all_parts);
      none_as_typed = e.get_mset(0, 1).empty();
    }
    std::optional<std::vector<std::string>> likely;
    std::string out = suggest(query, impl_->db, none_as_typed, impl_->cohesion(), &likely);
    impl_->likely_key = Impl::likely_key_of(query);
    impl_->likely = std::move(likely);
    return out;
  });
}

// How the page is assembled: the first n passages of the ranking are its tiers in order,
// the parts of a tier merged by weight; a page is those passages after `offset`, at most
// `per_report` of each report, until `limit`; n grows until the page is full or the
// ranking ends.
std::vector<Ranked> Searcher::Impl::ranking(const SearchPlan& plan,
                                            const std::vector<SearchPlan::Tier>& tiers,
                                            Xapian::doccount n, const SearchOptions& options,
                                            bool& complete) const {
  const bool by_relevance = options.sort == SearchOptions::Sort::kRelevance;
  const bool sharded = collection.shards.size() > 1;
  std::vector<Ranked> out;
  std::unordered_set<Xapian::docid> seen;  // tiers are disjoint; a safeguard
  complete = true;
  const RerankWords evidence = rerank_words(plan);
  for (const SearchPlan::Tier& tier : tiers) {
    if (out.size() >= n) {
      complete = false;
      break;
    }
    // The last tier's first `window` passages are ordered again by their evidence
    // (rerank): they are fetched even where the page needs fewer, when there is evidence.
    const bool last = &tier == &tiers.back() && by_relevance && !evidence.empty();
    const auto need = static_cast<Xapian::doccount>(
        std::max<std::size_t>(n - out.size(), last ? weights.window : 0));
    std::vector<Ranked> merged;
    std::unordered_map<Xapian::docid, std::size_t> position;  // in merged
    bool tier_complete = true;
    for (const Xapian::Query& part : tier) {
      Xapian::Enquire e = enquire(options);
      e.set_query(part);
      // Once the parts before have `need` passages, a part's passages rank among the first
      // `need` only if they weigh at least the need-th of those: Xapian prunes with it.
      std::optional<std::int64_t> least;
      if (by_relevance && merged.size() >= need) {
        std::vector<std::int64_t> quanta;
        for (const Ranked& r : merged) quanta.push_back(r.quanta);
        std::nth_element(quanta.begin(), quanta.begin() + (need - 1), quanta.end(),
                         std::greater<>());
        least = quanta[need - 1];
        tier_complete = false;
      }
      // Xapian 1.4 compares the cut-off with what a query can weigh only after a subquery
      // has been pruned or the page is full (matcher/multimatch.cc), never before the first
      // passage: a part that cannot reach it (the title part after the words') would be
      // read whole for nothing. A match of no passages gives that maximum, its posting lists
      // opened but no passage ranked.
      if (least && e.get_mset(0, 0).get_max_possible() < cutoff_below(*least)) continue;
      Fetched got = top(e, need, by_relevance, sharded, least);
      tier_complete &= got.complete;
      for (Ranked& r : got.passages) {
        // A passage in two parts weighs the larger (SearchPlan::Tier).
        const auto [at, fresh] = position.emplace(*r.it, merged.size());
        if (fresh) {
          merged.push_back(std::move(r));
        } else if (ranks_before(r, merged[at->second])) {
          merged[at->second] = std::move(r);
        }
      }
    }
    if (tier.size() > 1) std::stable_sort(merged.begin(), merged.end(), ranks_before);
    // Past the first `need`, a part that was not fetched whole may have passages missing.
    if (!tier_complete && merged.size() > need) merged.resize(need);
    if (last) rerank(evidence, merged);
    complete &= tier_complete;
    for (Ranked& r : merged) {
      r.tier = static_cast<std::size_t>(&tier - tiers.data());
      if (seen.insert(*r.it).second) out.push_back(std::move(r));
    }
  }
  return out;
}

// The second stage of relevance (RankingWeights::coverage, report, title_coverage): the
// first `window` passages of the last tier gain, for each of the query's words (the rarest
// 13 of those in at most a fifth of the passages), its idf
// times `coverage` where the passage has it as typed (times `forms` of that where only in
// another form), times `title_coverage` where its context has it as typed (its report's
// title, its article's heading), times `report` where its report has it as typed (in any
// passage, or the title); they are then ordered again. What
// each passage has is read in one match over the passages of their reports: under
// CoordWeight a query weighs the sum of its matching subqueries' factors, and each piece of
// evidence, a synonym (one subquery however many of its terms match), weighs a power of
// two of its own, so that a passage's weight is the set of its pieces.
Searcher::Impl::RerankWords Searcher::Impl::rerank_words(const SearchPlan& plan) const {
  RerankWords words;
  if (weights.window == 0) return words;
  for (const Evidence& e : plan.evidence) {
    // A word in more than a fifth of the passages is little evidence, and reading where it
    // is would read most passages of the window's reports.
    if (e.idf >= kLeastEvidence) words.emplace_back(e.idf, &e);
  }
  constexpr std::size_t kWords = 13;  // four pieces each: 52 bits, exact in a double
  std::stable_sort(words.begin(), words.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  if (words.size() > kWords) words.resize(kWords);
  return words;
}

void Searcher::Impl::rerank(const RerankWords& words, std::vector<Ranked>& order) const {
  const std::size_t window = std::min<std::size_t>(weights.window, order.size());
  if (words.empty() || window == 0) return;

  std::vector<Xapian::Query> reports, pieces;
  std::unordered_set<std::string> distinct;
  for (std::size_t i = 0; i < window; ++i) {
    if (distinct.insert(order[i].report).second)
      reports.emplace_back(terms::report(order[i].report));
  }
  enum Piece { kTyped, kAny, kContext, kTitle, kPieces };
  for (std::size_t k = 0; k < words.size(); ++k) {
    const Evidence& e = *words[k].second;
    const Xapian::Query* piece[kPieces] = {&e.typed, &e.any, &e.context, &e.title};
    for (std::size_t j = 0; j < kPieces; ++j) {
      // A word typed without diacritics is the same in any form: where it is typed it is
      // in any form, and that is all the gain asks; its terms are read once.
      if (piece[j]->empty() || (j == kAny && e.any.get_description() == e.typed.get_description()))
        continue;
      pieces.push_back(scaled(std::ldexp(1.0, static_cast<int>(kPieces * k + j)),
                              Xapian::Query(Xapian::Query::OP_SYNONYM, piece[j], piece[j] + 1)));
    }
  }
  Xapian::Enquire e(db);
  e.set_weighting_scheme(Xapian::CoordWeight());
  e.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                            Xapian::Query(Xapian::Query::OP_OR, pieces.begin(), pieces.end()),
                            Xapian::Query(Xapian::Query::OP_OR, reports.begin(), reports.end())));
  e.set_sort_by_relevance_then_value(schema::kSlotReport, false);  // the sort key: its report
  const Xapian::MSet mset = all_matches(e, db.get_doccount());
  std::unordered_map<Xapian::docid, std::uint64_t> in_passage;
  std::unordered_map<std::string, std::uint64_t> in_report;
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const auto set = static_cast<std::uint64_t>(std::llround(it.get_weight()));
    in_passage[*it] = set;
    in_report[it.get_sort_key()] |= set;
  }
  for (std::size_t i = 0; i < window; ++i) {
    const std::uint64_t passage = in_passage[*order[i].it], report = in_report[order[i].report];
    double gain = 0;
    for (std::size_t k = 0; k < words.size(); ++k) {
      const auto has = [k](std::uint64_t set, Piece j) {
        return ((set >> (kPieces * k + j)) & 1) != 0;
      };
      const double idf = words[k].first;
      if (has(passage, kTyped))
        gain += weights.coverage * idf;
      else if (has(passage, kAny))
        gain += weights.coverage * weights.forms * idf;
      const bool context = has(passage, kContext) || has(report, kTitle);
      if (context) gain += weights.title_coverage * idf;
      if (context || has(report, kTyped)) gain += weights.report * idf;
    }
    order[i].quanta += std::llround(gain * kQuantaPerUnit);
  }
  std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(window), ranks_before);
}

// How each passage matches (Match): whether it is among the passages of all_parts,
// every_part and in_context, asked of the passages of the hits' reports only.
void Searcher::Impl::label(const SearchPlan& plan, std::vector<Hit>& hits,
                           const std::vector<Xapian::docid>& ids) const {
  // The conditions from the strongest: each asked of the reports of the hits that none
  // before has labelled (most hits of most queries are kAll: one match).
  const std::pair<const Xapian::Query*, Match> conditions[] = {{&plan.all_parts, Match::kAll},
                                                               {&plan.every_part, Match::kForms},
                                                               {&plan.in_context, Match::kTitle}};
  std::vector<bool> labelled(hits.size(), false);
  for (const auto& [condition, match] : conditions) {
    std::vector<Xapian::Query> reports;
    std::unordered_set<std::string> distinct;
    for (std::size_t i = 0; i < hits.size(); ++i) {
      if (!labelled[i] && distinct.insert(hits[i].id).second) {
        reports.emplace_back(terms::report(hits[i].id));
      }
    }
    if (reports.empty()) return;
    Xapian::Enquire e(db);
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, *condition,
                              Xapian::Query(Xapian::Query::OP_OR, reports.begin(), reports.end())));
    std::unordered_set<Xapian::docid> found;
    const Xapian::MSet m = all_matches(e, db.get_doccount());
    for (auto it = m.begin(); it != m.end(); ++it) found.insert(*it);
    for (std::size_t i = 0; i < hits.size(); ++i) {
      if (!labelled[i] && found.count(ids[i])) {
        hits[i].match = match;
        labelled[i] = true;
      }
    }
  }
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (!labelled[i]) hits[i].match = Match::kSome;
  }
}

std::vector<Hit> Searcher::search_once(const ParsedQuery& query, const SearchOptions& options) {
  const std::optional<std::vector<std::string>> scope = completion_scope(impl_->db, query);
  const SearchPlan plan = plan_search(query, impl_->weights, impl_->context(*this, query, scope));
  std::vector<SearchPlan::Tier> tiers = plan.tiers;
  if (options.sort != SearchOptions::Sort::kRelevance) {
    // By date: the passages with the query as typed, newest (or oldest) first; when there
    // are none, every passage of the ranking.
    Xapian::Enquire probe(impl_->db);
    probe.set_weighting_scheme(Xapian::BoolWeight());
    probe.set_query(plan.all_parts);
    const bool any = !probe.get_mset(0, 1).empty();
    tiers = {{Xapian::Query(Xapian::Query::OP_FILTER, plan.words,
                            any ? plan.all_parts : plan.candidates)}};
  } else if (options.strict) {
    for (SearchPlan::Tier& tier : tiers) {
      for (Xapian::Query& part : tier)
        part = Xapian::Query(Xapian::Query::OP_FILTER, part, plan.all_parts);
    }
  }

  std::vector<Hit> hits;
  std::vector<Xapian::docid> ids;
  std::map<std::pair<std::string, std::size_t>, ReportFields> reports;  // of the passages taken
  // (n saturates: the page's end is at most 100,000 past an offset of at most 1e9, the
  // ranges tracuu-search and the API allow.)
  constexpr Xapian::doccount kMost = std::numeric_limits<Xapian::doccount>::max();
  for (auto n = static_cast<Xapian::doccount>(
           std::min<std::size_t>(options.offset + options.limit, kMost));
       ; n = n > kMost / 2 ? kMost : n * 2) {
    bool complete = false;
    const std::vector<Ranked> order = impl_->ranking(plan, tiers, n, options, complete);
    std::unordered_map<std::string, unsigned> per_report;
    std::size_t skip = options.offset;
    hits.clear();
    ids.clear();
    for (const Ranked& r : order) {
      if (hits.size() == options.limit) break;
      if (options.per_report > 0 &&
          ++per_report[r.it.get_document().get_value(schema::kSlotReport)] > options.per_report) {
        continue;
      }
      if (skip > 0) {
        --skip;
        continue;
      }
      hits.push_back(
          hit_from(impl_->db, *r.it, r.it.get_document(), r.score(), Match::kAll, reports));
      ids.push_back(*r.it);
    }
    if (hits.size() == options.limit || complete) break;
  }
  if (!hits.empty()) impl_->label(plan, hits, ids);
  for (Hit& hit : hits) {
    hit.highlights = highlight(query, hit.text, scope ? &*scope : nullptr);
    if (options.context > 0) impl_->add_neighbours(hit, options.context);
  }
  return hits;
}

Counts Searcher::count_once(const ParsedQuery& query) {
  const SearchPlan plan = plan_search(query, impl_->weights, impl_->counting_context());
  Xapian::Enquire enquire(impl_->db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(plan.all_parts);
  Xapian::ValueCountMatchSpy reports(schema::kSlotReport);
  enquire.add_matchspy(&reports);
  const Xapian::MSet mset = enquire.get_mset(0, 0, impl_->db.get_doccount());
  Counts c;
  c.passages = mset.get_matches_estimated();
  for (auto it = reports.values_begin(); it != reports.values_end(); ++it) ++c.reports;
  return c;
}

namespace {

// The `max` largest counts, ties by value.
std::vector<FacetValue> largest(std::vector<FacetValue> values, std::size_t max) {
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (values.size() > max) values.resize(max);
  return values;
}

}  // namespace

std::vector<FacetValue> Searcher::facet_once(const ParsedQuery& query, Facet facet,
                                             std::size_t max) {
  const SearchPlan plan = plan_search(query, impl_->weights, impl_->counting_context());
  Xapian::Enquire enquire(impl_->db);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  enquire.set_query(plan.all_parts);
  if (facet == Facet::kRef) {
    // Slot 5 holds a passage's references joined by "\n": Xapian's own spy counts each
    // distinct joined value (it runs on remote shards too), and the counts are split here.
    Xapian::ValueCountMatchSpy spy(schema::kSlotRefs);
    enquire.add_matchspy(&spy);
    const Xapian::MSet mset = enquire.get_mset(0, 0, impl_->db.get_doccount());
    std::map<std::string, std::uint64_t> counts;
    std::uint64_t with_value = 0;
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
      const std::string value = *it;
      const std::uint64_t n = it.get_termfreq();
      with_value += n;
      for (std::size_t start = 0;;) {
        const std::size_t nl = value.find('\n', start);
        counts[value.substr(start, nl == std::string::npos ? std::string::npos : nl - start)] += n;
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
    }
    std::vector<FacetValue> all;
    for (const auto& [key, n] : counts) all.push_back({key, n});
    std::vector<FacetValue> out = largest(std::move(all), max);
    if (mset.get_matches_estimated() > with_value) {
      out.push_back({"", mset.get_matches_estimated() - with_value});
    }
    return out;
  }
  Xapian::ValueCountMatchSpy spy(facet == Facet::kYear ? schema::kSlotYear : schema::kSlotSource);
  enquire.add_matchspy(&spy);
  const Xapian::MSet mset = enquire.get_mset(0, 0, impl_->db.get_doccount());
  std::vector<FacetValue> out;
  if (facet == Facet::kYear) {
    // A timeline: the years in order (values_begin's order), the latest `max` of them.
    for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
      out.push_back({*it, it.get_termfreq()});
    if (out.size() > max) out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(max));
  } else {
    for (auto it = spy.top_values_begin(max); it != spy.top_values_end(max); ++it) {
      out.push_back({*it, it.get_termfreq()});
    }
  }
  // Passages without a value (reports without a date) are counted too, as "".
  std::uint64_t with_value = 0;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) with_value += it.get_termfreq();
  if (mset.get_matches_estimated() > with_value)
    out.push_back({"", mset.get_matches_estimated() - with_value});
  return out;
}

std::vector<RefCount> Searcher::top_refs_once(std::size_t max, std::string_view kind) {
  const std::string prefix(schema::kPrefixRef);
  const std::string wanted = upper_ascii(kind);
  std::map<std::string, Xapian::doccount> cited;  // key → passages, in key order
  for (auto it = impl_->db.allterms_begin(prefix); it != impl_->db.allterms_end(prefix); ++it) {
    const std::string key = (*it).substr(prefix.size());
    if (wanted.empty() || ref_kind(key) == wanted) cited.emplace(key, it.get_termfreq());
  }
  // A key stands for the one fuller key it begins (cut at '/'), when there is just one:
  // ND-86 for ND-86/2015/CP. Fuller keys follow the key in key order.
  std::map<std::string, std::vector<std::string>> groups;  // fullest key → its keys
  for (auto it = cited.begin(); it != cited.end(); ++it) {
    const std::string& key = it->first;
    std::string fullest;
    std::size_t fuller = 0;
    for (auto next = std::next(it); next != cited.end() && next->first.starts_with(key + "/");
         ++next) {
      // Only the keys no other key extends: ND-86/2015/CP, not ND-86/2015 on its way.
      const auto after = std::next(next);
      if (after != cited.end() && after->first.starts_with(next->first + "/")) continue;
      fullest = next->first;
      ++fuller;
    }
    groups[fuller == 1 ? fullest : key].push_back(key);
  }
  std::vector<RefCount> all;
  for (auto& [fullest, keys] : groups) {
    RefCount r;
    r.key = fullest;
    r.name = ref_name(fullest);
    r.passages = cited[fullest];
    if (keys.size() > 1) {
      // A passage may cite a document both ways: passages counted once (the estimate of a
      // boolean match with every passage checked is exact).
      std::vector<Xapian::Query> cites;
      for (const std::string& k : keys) cites.emplace_back(terms::ref(k));
      Xapian::Enquire e(impl_->db);
      e.set_weighting_scheme(Xapian::BoolWeight());
      e.set_query(Xapian::Query(Xapian::Query::OP_OR, cites.begin(), cites.end()));
      r.passages = e.get_mset(0, 0, impl_->db.get_doccount()).get_matches_estimated();
    }
    r.keys = std::move(keys);
    all.push_back(std::move(r));
  }
  std::sort(all.begin(), all.end(), [](const RefCount& a, const RefCount& b) {
    return a.passages != b.passages ? a.passages > b.passages : a.key < b.key;
  });
  if (all.size() > max) all.resize(max);
  // Reports citing each: the distinct report ids (slot 1) of the passages citing it,
  // counted by Xapian's own spy (one exchange per remote shard, not one per passage).
  for (RefCount& r : all) {
    std::vector<Xapian::Query> terms;
    for (const std::string& k : r.keys) terms.emplace_back(prefix + k);
    Xapian::Enquire e(impl_->db);
    e.set_weighting_scheme(Xapian::BoolWeight());
    e.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    Xapian::ValueCountMatchSpy reports(schema::kSlotReport);
    e.add_matchspy(&reports);
    (void)e.get_mset(0, 0, impl_->db.get_doccount());
    r.reports = 0;
    for (auto it = reports.values_begin(); it != reports.values_end(); ++it) ++r.reports;
  }
  return all;
}

}  // namespace tracuu
