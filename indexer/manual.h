// What tracuu-index --help, its man page and its bash completion say besides the options
// (cli/manual.h).
#pragma once

#include "cli/manual.h"

tracuu::cli::Manual index_manual();
