#include "query/snippet.h"

#include <algorithm>

namespace tracuu {
namespace {

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The first position at or after `pos` where a word starts (after a space), if one is
// within `slack` bytes; else the first character boundary.
std::size_t forward_to_word(std::string_view text, std::size_t pos, std::size_t slack) {
  if (pos == 0) return 0;
  const std::size_t limit = std::min(text.size(), pos + slack);
  for (std::size_t i = pos; i < limit; ++i) {
    if (text[i - 1] == ' ') return i;
  }
  while (pos < text.size() && is_continuation(text[pos])) ++pos;
  return pos;
}

// The last position at or before `pos` where a word ends (before a space), if one is
// within `slack` bytes; else the last character boundary.
std::size_t back_to_word(std::string_view text, std::size_t pos, std::size_t slack) {
  if (pos >= text.size()) return text.size();
  const std::size_t limit = pos > slack ? pos - slack : 0;
  for (std::size_t i = pos; i > limit; --i) {
    if (text[i] == ' ') return i;
  }
  while (pos > 0 && is_continuation(text[pos])) --pos;
  return pos;
}

}  // namespace

Snippet choose_snippet(std::string_view text, const std::vector<Span>& highlights,
                       std::size_t max_bytes) {
  if (text.size() <= max_bytes) return {0, text.size()};
  // The highlight that starts the window holding the most highlights.
  std::size_t best = 0, best_count = 0;
  for (std::size_t i = 0; i < highlights.size(); ++i) {
    std::size_t count = 0;
    for (std::size_t k = i; k < highlights.size(); ++k) {
      if (highlights[k].second > highlights[i].first + max_bytes * 3 / 4) break;
      ++count;
    }
    if (count > best_count) {
      best = i;
      best_count = count;
    }
  }
  // From the beginning when the highlights fit there; else some context before the first
  // of them, a quarter of the window.
  std::size_t start = 0;
  if (best_count > 0 && highlights[best + best_count - 1].second > max_bytes &&
      highlights[best].first > max_bytes / 4) {
    start = highlights[best].first - max_bytes / 4;
  }
  start = std::min(start, text.size() - max_bytes);
  const std::size_t slack = max_bytes / 8;
  start = forward_to_word(text, start, slack);
  std::size_t end = back_to_word(text, start + max_bytes, slack);
  if (end <= start) end = std::min(text.size(), start + max_bytes);
  return {start, end};
}

std::vector<Snippet> choose_fragments(std::string_view text, const std::vector<Span>& highlights,
                                      std::size_t max_bytes, std::size_t max_fragments) {
  if (text.size() <= max_bytes) return {{0, text.size()}};
  std::vector<std::vector<Span>> regions;
  for (const Span& h : highlights) {
    if (regions.empty() || h.first > regions.back().back().second + max_bytes / 4)
      regions.emplace_back();
    regions.back().push_back(h);
  }
  if (regions.size() <= 1 || max_fragments <= 1)
    return {choose_snippet(text, highlights, max_bytes)};
  if (regions.size() > max_fragments) {
    // The regions with the most highlights (the earlier of equal ones), kept in order.
    std::stable_sort(regions.begin(), regions.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    regions.resize(max_fragments);
    std::sort(regions.begin(), regions.end(),
              [](const auto& a, const auto& b) { return a.front().first < b.front().first; });
  }
  std::vector<Snippet> out;
  for (const std::vector<Span>& region : regions) {
    const Snippet s = choose_snippet(text, region, max_bytes / regions.size());
    if (!out.empty() && s.start <= out.back().end) {
      out.back().end = std::max(out.back().end, s.end);  // overlapping windows are one
    } else {
      out.push_back(s);
    }
  }
  return out;
}

}  // namespace tracuu
