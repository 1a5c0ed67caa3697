// Choosing the part of a long passage to show in a terminal.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "query/searcher.h"

namespace tracuu {

// [start, end) byte range of the text to show.
struct Snippet {
  std::size_t start = 0;
  std::size_t end = 0;
};

// The whole of `text` when it is at most `max_bytes` long; else a window of at most
// `max_bytes` that holds as many highlights as any, starting a little before the first of
// them, cut at spaces (or at least at character boundaries).
Snippet choose_snippet(std::string_view text, const std::vector<Span>& highlights,
                       std::size_t max_bytes);

}  // namespace tracuu
