// The one exception type of tracuu's public API (tracuu/tracuu.h), also the library's own.
#pragma once

#include <stdexcept>
#include <string>

#ifndef TRACUU_API
#define TRACUU_API __attribute__((visibility("default")))
#endif

namespace tracuu {

// A failure the user can act on: a missing, corrupt or other-version database, a query
// that does not parse, bad options. what() is the message tracuu-search and tracuu-index
// print after their name: one line that says what happened and what to do.
class TRACUU_API Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tracuu
