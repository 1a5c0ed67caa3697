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

// The parts of `text` to show, in order and apart: the whole text when it is at most
// `max_bytes` long; else a window (choose_snippet) around each region with highlights —
// highlights less than a quarter of `max_bytes` apart make one region — sharing
// `max_bytes`, for the `max_fragments` regions with the most highlights. Without
// highlights, or with one region, one window.
std::vector<Snippet> choose_fragments(std::string_view text, const std::vector<Span>& highlights,
                                      std::size_t max_bytes, std::size_t max_fragments = 3);

}  // namespace tracuu
