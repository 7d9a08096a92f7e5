// Splitting a reply into the pieces a stream sends one by one, shared by the OpenAI and
// Anthropic replies so both dialects chunk the same text the same way.
#pragma once

#include <string>
#include <vector>

namespace mock {

// One piece of a reply as [begin, end) offsets into the reply text.
struct Piece {
  size_t begin = 0;
  size_t end = 0;
};

// Splits text into words, each keeping the whitespace that follows it, so that the pieces
// concatenate back to exactly the text.
void split_words(const std::string& text, std::vector<Piece>& pieces);

// Forces exactly `n` (> 0) pieces: pads the text with " lorem" words, or folds the surplus
// into the last piece.
void fit_pieces(std::string& text, std::vector<Piece>& pieces, size_t n);

// The mock's token estimate for `bytes` bytes of prompt text: max(1, ceil(bytes / 4)).
unsigned prompt_tokens_for(size_t bytes);

}  // namespace mock
