#include "resources.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <link.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "error.h"

namespace tracuu {
namespace {

namespace fs = std::filesystem;

// The file of the program or shared library this function was linked into.
fs::path own_file() {
  Dl_info info{};
  link_map* map = nullptr;
  std::error_code ec;
  if (dladdr1(reinterpret_cast<void*>(&own_file), &info, reinterpret_cast<void**>(&map),
              RTLD_DL_LINKMAP) != 0 &&
      map != nullptr && map->l_name != nullptr && *map->l_name != '\0') {
    return fs::canonical(map->l_name, ec);  // a shared library (libtracuu.so, the Python module)
  }
  return fs::canonical("/proc/self/exe", ec);  // the program itself (an empty name in the link map)
}

// Where an installed copy's data files are, from its program's or library's folder
// (CMake computes these from the install layout: shared/CMakeLists.txt).
constexpr std::string_view kInstalledRelative[] = {TRACUU_RESOURCES_FROM_BINDIR,
                                                   TRACUU_RESOURCES_FROM_LIBDIR};

}  // namespace

std::string resource_file(std::string_view name) {
  std::error_code ec;
  if (const char* dir = std::getenv("TRACUU_RESOURCES"); dir != nullptr && *dir != '\0') {
    const fs::path file = fs::path(dir) / name;
    if (!fs::is_regular_file(file, ec)) {
      throw Error(fmt::format(
          "TRACUU_RESOURCES={}: no {} there (it names the folder of tracuu's data files, "
          "share/tracuu where tracuu is installed; unset it to use the installed one)",
          dir, name));
    }
    return file.string();
  }
  std::vector<fs::path> tried;
  const fs::path self = own_file();
  if (!self.empty()) {
    for (const std::string_view relative : kInstalledRelative) {
      const fs::path file = (self.parent_path() / relative / name).lexically_normal();
      if (fs::is_regular_file(file, ec)) return file.string();
      if (tried.empty() || tried.back() != file) tried.push_back(file);
    }
  }
  // The source tree, for the programs and libraries of the build tree only: an installed
  // copy that lacks its data files says so rather than reading the builder's checkout.
  const fs::path build_tree = fs::weakly_canonical(TRACUU_BUILD_TREE, ec);
  const bool in_build_tree =
      !build_tree.empty() &&
      std::mismatch(build_tree.begin(), build_tree.end(), self.begin(), self.end()).first ==
          build_tree.end();
  if (in_build_tree) {
    const fs::path built = fs::path(TRACUU_RESOURCE_DIR) / name;
    if (fs::is_regular_file(built, ec)) return built.string();
    tried.push_back(built);
  }
  std::string looked;
  for (const fs::path& p : tried) looked += (looked.empty() ? "" : ", ") + p.string();
  throw Error(
      fmt::format("tracuu's data file {} is missing (looked for {}): reinstall tracuu, or set "
                  "TRACUU_RESOURCES to the folder that has it",
                  name, looked));
}

}  // namespace tracuu
