// Names the calling thread as `top`, `perf` and /proc/<pid>/task/<tid>/comm show it, so an
// operator (and bench/telemetry.sh) can tell the workers from the records writer.
#pragma once

#include <string>

namespace sluice {

// Linux keeps 15 characters; a longer name is cut.
void name_this_thread(const std::string& name);

}  // namespace sluice
