// What tracuu-search --help, its man page and its bash completion say besides the options
// (cli/manual.h).
#pragma once

#include "cli/manual.h"

tracuu::cli::Manual search_manual();
