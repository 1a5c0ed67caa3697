// Stage 3 of the text pipeline: split NFC text into tokens with byte offsets.
//
// A token is a run of letters and digits (with any combining marks). Tokens separated by
// exactly one connector character form a compound that is kept whole as well as in parts:
//   - between any letters or digits:  -  /  .  _  &  '  ’  ‐ (U+2010)  ‑ (U+2011)
//     60-NQ/TW, TP.HCM, Covid-19, 100/2015/QH13, 16/6/2025, R&D, Vietnam’s
//   - between digits only:  ,  :  – (U+2013)     12,5  10:30  2020–2025
// Everything else (spaces, punctuation, symbols) separates tokens and is dropped.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace tracuu {

struct Token {
  std::uint32_t start = 0;  // byte offsets [start, end) in the tokenized text
  std::uint32_t end = 0;
  bool joined = false;      // joined to the previous token by one connector
  bool has_letter = false;  // false for pure numbers
};

// Tokens of valid UTF-8 `text`, in order. Texts of 4 GiB and more are not supported.
std::vector<Token> tokenize(std::string_view text);

}  // namespace tracuu
