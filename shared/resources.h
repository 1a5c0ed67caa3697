// Where the programs and the library find their data files (resources/ in the source
// tree: the shipped segmentation model and abbreviations).
#pragma once

#include <string>
#include <string_view>

namespace tracuu {

// The path of the data file `name` ("segmenter.model"): in $TRACUU_RESOURCES when that is
// set; else in the folder installed beside the program or library this code runs in
// (P/share/tracuu for P/bin/tracuu-search, P/lib/libtracuu.so); else in the resources/
// folder of the source tree it was built from (programs run from the build tree). Throws
// Error naming where it looked when the file is in none of them.
std::string resource_file(std::string_view name);

}  // namespace tracuu
