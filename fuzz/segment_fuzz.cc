// Stage 4, segmentation with the shipped model, on well-formed UTF-8 (composed first, as
// the indexer does): units cover the analyzer's words in order, the segmenter only joins
// units that whitespace alone separates, and its bulk mode (hash tables, as the indexer
// uses it) decides like its look-up mode (binary search, as the searcher uses it).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "check.h"
#include "index/segmentation.h"
#include "segment/segmenter.h"
#include "segment/units.h"
#include "text/analyze.h"
#include "text/decode.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace {

using tracuu::fuzz::valid_utf8;

struct Models {
  tracuu::Segmenter lookup;
  tracuu::Segmenter bulk;
};

const Models& models() {
  static const Models m = [] {
    Models out{tracuu::load_model(tracuu::shipped_model_path()), {}};
    out.bulk = out.lookup;
    out.bulk.prepare_for_bulk();
    return out;
  }();
  return m;
}

std::size_t code_points(std::string_view text) {
  std::size_t n = 0;
  for (std::size_t pos = 0; pos < text.size(); ++n) tracuu::next_code_point(text, pos);
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  models();  // loaded once, before the clock of the first input starts
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string decoded;
  try {
    decoded = tracuu::decode_text(tracuu::fuzz::as_text(data, size));
  } catch (const tracuu::DecodeError&) {
    return 0;
  }
  const std::string text = tracuu::to_nfc(decoded);
  const std::vector<tracuu::Word> words = tracuu::analyze(text);
  const std::vector<tracuu::Unit> units = tracuu::make_units(text, words);

  // Units: consecutive runs of words, one compound each.
  std::size_t next_word = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const tracuu::Unit& u = units[i];
    FUZZ_CHECK(u.first_word == next_word && u.first_word < u.last_word);
    FUZZ_CHECK(u.last_word <= words.size());
    FUZZ_CHECK(u.start == words[u.first_word].start && u.end == words[u.last_word - 1].end);
    FUZZ_CHECK(!words[u.first_word].joined);
    for (std::size_t w = u.first_word + 1; w < u.last_word; ++w) FUZZ_CHECK(words[w].joined);
    FUZZ_CHECK(!u.form.empty() && valid_utf8(u.form) && valid_utf8(u.folded));
    FUZZ_CHECK(!(i == 0 && u.space_before));
    next_word = u.last_word;
  }
  FUZZ_CHECK(next_word == words.size());

  const std::vector<bool> joined = models().lookup.segment(units);
  FUZZ_CHECK(joined.size() == units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    FUZZ_CHECK(!joined[i] || (i > 0 && units[i].space_before));
  }
  FUZZ_CHECK(models().bulk.segment(units) == joined);

  // Written back with "_" inside words: the same text but for those spaces.
  const std::string underscored = tracuu::underscore_words(text, units, joined);
  FUZZ_CHECK(valid_utf8(underscored));
  FUZZ_CHECK(code_points(underscored) == code_points(text));
  bool any_joined = false;
  for (const bool j : joined) any_joined = any_joined || j;
  FUZZ_CHECK(any_joined || underscored == text);
  return 0;
}
