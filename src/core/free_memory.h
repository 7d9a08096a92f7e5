// Hands the allocator's free memory back to the operating system. Start-up builds large
// temporaries (the tokenizer vocabularies are parsed from text); without this, the allocator
// keeps their pages and the idle gateway's RSS carries them for its whole life.
#pragma once

namespace sluice {

void return_free_memory_to_os();

}  // namespace sluice
