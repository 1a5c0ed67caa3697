// Files that options name — word lists, synonyms, segmentation models, gold data, stub
// files — are read whole into memory, so each must be a regular file of bounded size.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tracuu {

// The largest word list, synonyms, gold or stub file read (the largest lexicon in our
// data is 3.5 MB), and the largest segmentation model (the shipped one is 5 MB).
inline constexpr std::uintmax_t kMaxListFileBytes = std::uintmax_t{64} << 20;
inline constexpr std::uintmax_t kMaxModelFileBytes = std::uintmax_t{256} << 20;

// Throws InputError at `path` unless it names a regular file (or a link to one) of at most
// `max_bytes`: a folder, a FIFO or a device (/dev/zero) is refused without being opened,
// so that reading it can neither block nor grow without end. `what` says what the file
// was to be ("word list"), for the message.
void check_regular_file(const std::string& path, std::uintmax_t max_bytes, std::string_view what);

}  // namespace tracuu
