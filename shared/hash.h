// FNV-1a, 64 bits: a stable hash (the same on every machine and in every run) for content
// fingerprints and shard assignment. Not for hash tables fed by untrusted input.
#pragma once

#include <cstdint>
#include <string_view>

namespace tracuu {

inline constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ULL;

// The hash of `bytes`, continuing from `h` (kFnvOffset to start).
inline std::uint64_t fnv1a_64(std::string_view bytes, std::uint64_t h = kFnvOffset) {
  for (const unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace tracuu
