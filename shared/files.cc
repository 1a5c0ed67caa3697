#include "files.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "error.h"

namespace tracuu {

void check_regular_file(const std::string& path, std::uintmax_t max_bytes, std::string_view what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    throw InputError(path, fmt::format("cannot read the {}: {}", what, std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) {
    const char* kind = S_ISDIR(st.st_mode)                          ? "a folder"
                       : S_ISFIFO(st.st_mode)                       ? "a FIFO"
                       : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                                                                    : "not a regular file";
    throw InputError(path, fmt::format("the {} must be a regular file, this is {}", what, kind));
  }
  if (static_cast<std::uintmax_t>(st.st_size) > max_bytes) {
    throw InputError(path,
                     fmt::format("the {} is {:.1f} MiB, more than the {} MiB allowed", what,
                                 static_cast<double>(st.st_size) / (1 << 20), max_bytes >> 20));
  }
}

}  // namespace tracuu
