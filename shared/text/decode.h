// Stage 1 of the text pipeline: bytes in, UTF-8 text out.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tracuu {

// Input that cannot be decoded. `offset` is the byte offset of the first bad byte; what()
// says what is wrong there, without the offset (callers place it with the file name).
class DecodeError : public std::runtime_error {
 public:
  DecodeError(std::size_t offset, const std::string& what)
      : std::runtime_error(what), offset_(offset) {}
  std::size_t offset() const { return offset_; }

 private:
  std::size_t offset_;
};

// Returns `bytes` as UTF-8 text without a leading byte-order mark. Throws DecodeError
// (with the byte offset in `bytes`) when the input is not well-formed UTF-8.
std::string decode_text(std::string_view bytes);

}  // namespace tracuu
