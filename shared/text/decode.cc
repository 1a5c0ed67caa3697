#include "text/decode.h"

#include <fmt/format.h>

#include "text/utf8.h"

namespace tracuu {

std::string decode_text(std::string_view bytes) {
  if (const std::size_t bad = find_invalid_utf8(bytes); bad != kValidUtf8) {
    throw DecodeError(
        bad, fmt::format("invalid UTF-8 (byte 0x{:02X})", static_cast<unsigned char>(bytes[bad])));
  }
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
  return std::string(bytes);
}

}  // namespace tracuu
