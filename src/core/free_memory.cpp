#include "core/free_memory.h"

#include <malloc.h>

// tcmalloc's own call, when the binary links it (the sluice executable does; the test binaries
// do not): weak, so it is null without tcmalloc.
extern "C" void MallocExtension_ReleaseFreeMemory() __attribute__((weak));

namespace sluice {

void return_free_memory_to_os() {
  if (MallocExtension_ReleaseFreeMemory != nullptr) {
    MallocExtension_ReleaseFreeMemory();
  } else {
    malloc_trim(0);
  }
}

bool free_memory_release_is_cheap() { return MallocExtension_ReleaseFreeMemory != nullptr; }

}  // namespace sluice
