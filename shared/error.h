// Errors that cross the library boundary. Programs map them to exit codes in main().
#pragma once

#include <stdexcept>
#include <string>

// tracuu::Error: a fatal error the user can act on (missing or incompatible database, bad
// arguments); also the one exception of the public API.
#include "tracuu/error.h"

namespace tracuu {

// One piece of input that cannot be indexed. location() names the file and, where it
// helps, the line or byte offset ("corpus/a.txt:3", "feed.jsonl:12", "b.txt: byte 517").
class InputError : public std::runtime_error {
 public:
  InputError(std::string location, const std::string& what)
      : std::runtime_error(what), location_(std::move(location)) {}
  const std::string& location() const { return location_; }

 private:
  std::string location_;
};

}  // namespace tracuu
