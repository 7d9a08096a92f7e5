#include "text_pieces.h"

namespace mock {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

void split_words(const std::string& text, std::vector<Piece>& pieces) {
  pieces.clear();
  size_t i = 0;
  while (i < text.size()) {
    const size_t begin = i;
    while (i < text.size() && is_space(text[i])) ++i;  // leading space joins the first word
    while (i < text.size() && !is_space(text[i])) ++i;
    while (i < text.size() && is_space(text[i])) ++i;
    pieces.push_back({begin, i});
  }
}

void fit_pieces(std::string& text, std::vector<Piece>& pieces, size_t n) {
  if (pieces.size() < n) {
    for (size_t missing = n - pieces.size(); missing > 0; --missing) {
      if (!text.empty() && !is_space(text.back())) text.push_back(' ');
      text.append("lorem");
    }
    split_words(text, pieces);
  }
  if (pieces.size() > n) {
    pieces[n - 1].end = text.size();
    pieces.resize(n);
  }
}

unsigned prompt_tokens_for(size_t bytes) {
  const size_t tokens = (bytes + 3) / 4;
  return tokens == 0 ? 1u : static_cast<unsigned>(tokens);
}

}  // namespace mock
