// Hands the allocator's free memory back to the operating system. Start-up builds large
// temporaries (the tokenizer vocabularies are parsed from text); without this, the allocator
// keeps their pages and the idle gateway's RSS carries them for its whole life. The same holds
// after a burst of load (thousands of open streams), so the server repeats it now and then.
#pragma once

namespace sluice {

void return_free_memory_to_os();

// Whether that is cheap enough to repeat while serving: with tcmalloc it returns free spans
// under a short lock; glibc's malloc_trim walks every arena, locking each in turn.
bool free_memory_release_is_cheap();

}  // namespace sluice
