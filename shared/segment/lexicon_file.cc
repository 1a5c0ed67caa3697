#include "segment/lexicon_file.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "error.h"
#include "files.h"
#include "segment/units.h"
#include "text/analyze.h"
#include "text/decode.h"
#include "text/normalize.h"

namespace tracuu {

Lexicon read_lexicon_file(const std::string& path, WordListCounts* counts) {
  check_regular_file(path, kMaxListFileBytes, "word list");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot read the word list");
  Lexicon lexicon;
  std::string raw;
  std::size_t line_number = 0;
  WordListCounts counted;
  while (std::getline(in, raw)) {
    ++line_number;
    const std::string where = fmt::format("{}:{}", path, line_number);
    std::string line;
    try {
      line = decode_text(raw);
    } catch (const DecodeError& e) {
      throw InputError(fmt::format("{} (byte {} of the line)", where, e.offset()), e.what());
    }
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string text = line;
    if (line.find_first_not_of(" \t") != std::string::npos &&
        line[line.find_first_not_of(" \t")] == '{') {
      try {
        const auto obj = nlohmann::json::parse(line);
        text = obj.at("text").get<std::string>();
      } catch (const nlohmann::json::exception&) {
        throw InputError(where, "a JSON line needs a \"text\" string field");
      }
    }
    text = to_nfc(text);
    const std::vector<Unit> units = make_units(text, analyze(text));
    bool one_run = units.size() >= 2 && units.size() <= 4;
    for (std::size_t i = 1; i < units.size() && one_run; ++i) one_run = units[i].space_before;
    if (!one_run) {
      ++counted.left_out;
      continue;
    }
    std::vector<std::string> forms, folded;
    for (const Unit& u : units) {
      forms.push_back(u.form);
      folded.push_back(u.folded);
    }
    lexicon.add_word(forms);
    lexicon.add_word(folded);
    ++counted.words;
  }
  if (counts != nullptr) *counts = counted;
  return lexicon;
}

}  // namespace tracuu
