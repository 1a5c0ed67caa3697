// Stage 3, tokenize and analyze, on well-formed UTF-8: token and word spans lie within the
// text, in order, on UTF-8 boundaries; a joined token follows its compound's previous part
// across exactly one connector; each word's forms are those of normalize_token and
// fold_diacritics of its own span (the indexer and the searcher rely on this).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "check.h"
#include "text/analyze.h"
#include "text/decode.h"
#include "text/fold.h"
#include "text/normalize.h"
#include "text/tokenize.h"
#include "text/utf8.h"

namespace {

using tracuu::fuzz::on_boundary;
using tracuu::fuzz::valid_utf8;

// The connectors of tokenize.h (some join digits only, which is not checked here).
bool is_connector(char32_t cp) {
  switch (cp) {
    case '-':
    case '/':
    case '.':
    case '_':
    case '&':
    case '\'':
    case ',':
    case ':':
    case 0x2010:
    case 0x2011:
    case 0x2013:
    case 0x2019:
      return true;
    default:
      return false;
  }
}

// The gap [from, to) of `text` is exactly one connector.
void check_connector(std::string_view text, std::size_t from, std::size_t to) {
  FUZZ_CHECK(from < to);
  std::size_t pos = from;
  const char32_t cp = tracuu::next_code_point(text, pos);
  FUZZ_CHECK(pos == to);
  FUZZ_CHECK(is_connector(cp));
}

template <typename Span>
void check_spans(std::string_view text, const std::vector<Span>& spans) {
  std::size_t previous_end = 0;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    const Span& s = spans[i];
    FUZZ_CHECK(s.start < s.end);
    FUZZ_CHECK(s.end <= text.size());
    FUZZ_CHECK(on_boundary(text, s.start) && on_boundary(text, s.end));
    FUZZ_CHECK(i == 0 || s.start > previous_end);  // something separates two tokens
    FUZZ_CHECK(!(i == 0 && s.joined));
    if (s.joined) check_connector(text, previous_end, s.start);
    previous_end = s.end;
  }
}

void check_tokens(std::string_view text) {
  const std::vector<tracuu::Token> tokens = tracuu::tokenize(text);
  check_spans(text, tokens);
  for (const tracuu::Token& t : tokens) {
    // A token's text alone is that one token.
    const std::vector<tracuu::Token> alone =
        tracuu::tokenize(text.substr(t.start, t.end - t.start));
    FUZZ_CHECK(alone.size() == 1);
    FUZZ_CHECK(alone[0].start == 0 && alone[0].end == t.end - t.start);
    FUZZ_CHECK(alone[0].has_letter == t.has_letter);
  }
}

void check_words(std::string_view nfc) {
  const std::vector<tracuu::Word> words = tracuu::analyze(nfc);
  check_spans(nfc, words);
  const std::vector<tracuu::Token> tokens = tracuu::tokenize(nfc);
  std::size_t t = 0;
  for (const tracuu::Word& w : words) {
    // Words are the tokens with something to match, in order.
    while (t < tokens.size() && tokens[t].start < w.start) ++t;
    FUZZ_CHECK(t < tokens.size() && tokens[t].start == w.start && tokens[t].end == w.end);
    FUZZ_CHECK(!w.exact.empty() && valid_utf8(w.exact) && valid_utf8(w.folded));
    FUZZ_CHECK(w.exact == tracuu::normalize_token(nfc.substr(w.start, w.end - w.start)));
    FUZZ_CHECK(w.folded == tracuu::fold_diacritics(w.exact));
    FUZZ_CHECK(w.has_letter == tokens[t].has_letter);
  }
  for (std::size_t first = 0; first < words.size();) {
    const std::size_t last = tracuu::compound_end(words, first);
    FUZZ_CHECK(last > first && last <= words.size());
    const std::string exact =
        tracuu::compound_form(nfc, words, first, last, tracuu::CompoundForm::kExact);
    FUZZ_CHECK(valid_utf8(exact));
    const std::vector<std::string> terms = tracuu::compound_terms(nfc, words, first, last);
    FUZZ_CHECK(!terms.empty() && terms[0] == tracuu::compound_folded(nfc, words, first, last));
    for (const std::string& term : terms) FUZZ_CHECK(!term.empty() && valid_utf8(term));
    first = last;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text;
  try {
    text = tracuu::decode_text(tracuu::fuzz::as_text(data, size));
  } catch (const tracuu::DecodeError&) {
    return 0;
  }
  check_tokens(text);  // tokenize takes any UTF-8, composed or not
  const std::string nfc = tracuu::to_nfc(text);
  check_tokens(nfc);
  check_words(nfc);
  return 0;
}
