// Tokenizers: the vocabularies the gateway estimates usage with, and which one fits a model.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "telemetry/tokenizer/bpe_tokenizer.h"

namespace sluice::telemetry {

// Both vocabularies, loaded once at start-up and shared read-only by every worker.
class Tokenizers {
 public:
  // Loads o200k_base.js and cl100k_base.js from a js-tiktoken ranks directory.
  static Result<Tokenizers> load(const std::string& dir);

  // The vocabulary to count `model`'s tokens with: o200k_base for OpenAI's 4o-and-later
  // families, cl100k_base otherwise (Claude, Gemini, Llama... publish no tokenizer, and cl100k
  // is the closest public estimate). A "provider/" prefix is ignored.
  const BpeTokenizer& for_model(std::string_view model) const;

  // Each vocabulary by name, for callers (and tests) that know which one they need.
  const BpeTokenizer& o200k() const { return *o200k_; }
  const BpeTokenizer& cl100k() const { return *cl100k_; }

 private:
  Tokenizers(std::unique_ptr<BpeTokenizer> o200k, std::unique_ptr<BpeTokenizer> cl100k);

  std::unique_ptr<BpeTokenizer> o200k_;
  std::unique_ptr<BpeTokenizer> cl100k_;
};

// Where the vocabularies are: data/tokenizers/node_modules/js-tiktoken/dist/ranks found by
// walking up from the running binary (build*/src/sluice in the repository), then from the
// current directory. Empty when neither has it (the caller says how to install it).
std::string default_tokenizer_dir();

}  // namespace sluice::telemetry
