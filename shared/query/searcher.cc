#include "query/searcher.h"

#include <xapian.h>

#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "error.h"
#include "index/database.h"
#include "index/schema.h"
#include "query/plan.h"
#include "segment/segmenter.h"
#include "segment/words.h"
#include "text/analyze.h"

namespace tracuu {

std::vector<Span> highlight(const ParsedQuery& query, std::string_view text) {
  const std::vector<Word> words = analyze(text);
  std::vector<bool> lit(words.size(), false);
  std::vector<bool> linked(words.size(), false);  // lit together with the word before it

  // Quoted phrases: only where the words stand together, lit as one span.
  for (const QueryUnit& u : query.units) {
    if (!u.quoted) continue;
    const std::size_t n = u.words.size();
    for (std::size_t i = 0; i + n <= words.size(); ++i) {
      std::size_t k = 0;
      while (k < n && words[i + k].folded == u.words[k].folded) ++k;
      if (k < n) continue;
      for (k = 0; k < n; ++k) {
        lit[i + k] = true;
        if (k > 0) linked[i + k] = true;
      }
    }
  }

  // Other words: for a word typed with diacritics, its occurrences in that form when the
  // passage has any, else every form.
  std::unordered_map<std::string, std::unordered_set<std::string>> wanted;  // folded → exact
  for (const QueryUnit& u : query.units) {
    if (u.quoted) continue;
    for (const Word& q : u.words) {
      auto& exacts = wanted[q.folded];
      if (has_diacritics(q)) exacts.insert(q.exact);
    }
  }
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
  }

  std::vector<Span> spans;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!lit[i]) continue;
    // One span across a compound's connector (60-NQ/TW) and across a quoted phrase.
    if (i > 0 && lit[i - 1] && (words[i].joined || linked[i])) {
      spans.back().second = words[i].end;
    } else {
      spans.emplace_back(words[i].start, words[i].end);
    }
  }
  return spans;
}

struct Searcher::Impl {
  Xapian::Database db;
  Segmenter segmenter;
  RankingWeights weights;
};

Searcher::Searcher(const std::string& db_path) : impl_(std::make_unique<Impl>()) {
  impl_->db = open_for_search(db_path);
  try {
    impl_->segmenter = Segmenter::deserialize(
        impl_->db.get_metadata(std::string(schema::kSegmenterKey)),
        db_path + " (its " + std::string(schema::kSegmenterKey) + " metadata)");
  } catch (const ModelError& e) {
    throw Error(e.what());
  }
}

std::vector<std::string> Searcher::word_terms(const ParsedQuery& query) const {
  std::vector<Word> words;
  for (const QueryUnit& u : query.units) words.insert(words.end(), u.words.begin(), u.words.end());
  std::vector<std::string> terms;
  for (const MultiUnitWord& w : multi_unit_words(query.text, words, impl_->segmenter)) {
    terms.push_back(w.folded);
  }
  return terms;
}

Searcher::~Searcher() = default;

void Searcher::set_weights(const RankingWeights& weights) { impl_->weights = weights; }

std::vector<Hit> Searcher::search(const ParsedQuery& query, std::size_t offset,
                                  std::size_t count) {
  std::vector<Hit> hits;
  const RankingWeights& w = impl_->weights;
  const SearchPlan plan = plan_search(query, w, word_terms(query));
  Xapian::Enquire enquire(impl_->db);
  enquire.set_weighting_scheme(Xapian::BM25Weight(w.k1, 0, 1, w.b, w.min_normlen));
  for (const Xapian::Query& tier : plan.tiers) {
    if (hits.size() >= count) break;
    enquire.set_query(tier);
    const Xapian::doccount want = static_cast<Xapian::doccount>(count - hits.size());
    const auto first = static_cast<Xapian::doccount>(offset);
    const Xapian::MSet mset = enquire.get_mset(first, want, first + want);
    if (mset.empty()) {
      // All of this tier lies before `offset`; a short MSet's estimate is exact.
      offset -= std::min<std::size_t>(offset, mset.get_matches_estimated());
      continue;
    }
    offset = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const auto data = nlohmann::json::parse(it.get_document().get_data());
      Hit hit;
      hit.score = it.get_weight();
      hit.id = data.at("id").get<std::string>();
      hit.title = data.at("title").get<std::string>();
      hit.passage = data.at("passage").get<unsigned>();
      hit.source = data.at("source").get<std::string>();
      if (!data.at("url").is_null()) hit.url = data.at("url").get<std::string>();
      if (!data.at("date").is_null()) hit.date = data.at("date").get<std::string>();
      hit.text = data.at("text").get<std::string>();
      hit.highlights = highlight(query, hit.text);
      hits.push_back(std::move(hit));
    }
  }
  return hits;
}

}  // namespace tracuu
