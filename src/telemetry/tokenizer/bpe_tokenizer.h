// BpeTokenizer: counts tokens the way OpenAI's tiktoken does (regex pre-tokenization, then
// byte-pair merging by rank), so usage can be estimated when a provider reports none.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "telemetry/tokenizer/rank_table.h"

struct pcre2_real_code_8;

namespace sluice::telemetry {

// One vocabulary (o200k_base, cl100k_base, ...); immutable and safe to share across threads.
class BpeTokenizer {
 public:
  // Loads a js-tiktoken ranks file (dist/ranks/<name>.js); errors name the file.
  static Result<std::unique_ptr<BpeTokenizer>> load(const std::string& path);

  BpeTokenizer(const BpeTokenizer&) = delete;
  BpeTokenizer& operator=(const BpeTokenizer&) = delete;
  ~BpeTokenizer();

  // The token ids of `text`; special-token text such as "<|endoftext|>" is encoded as plain
  // text, since callers count what users sent rather than control tokens.
  std::vector<uint32_t> encode(std::string_view text) const;
  // How many tokens encode(text) would return, without building the list.
  std::size_t count(std::string_view text) const;

  // The vocabulary's name, taken from the file name ("o200k_base").
  const std::string& name() const { return name_; }
  // The id of a special token named in the file, for callers that frame messages themselves.
  std::optional<uint32_t> special_token(std::string_view text) const;

 private:
  struct RegexDeleter {
    void operator()(pcre2_real_code_8* code) const;
  };

  BpeTokenizer(std::string name, std::unique_ptr<pcre2_real_code_8, RegexDeleter> regex,
               RankTable ranks, std::vector<std::pair<std::string, uint32_t>> special_tokens);

  // Calls sink(piece) for every pre-tokenized piece of `text`.
  template <class Sink>
  void for_each_piece(std::string_view text, Sink&& sink) const;

  std::string name_;
  std::unique_ptr<pcre2_real_code_8, RegexDeleter> regex_;
  RankTable ranks_;
  std::vector<std::pair<std::string, uint32_t>> special_tokens_;
};

}  // namespace sluice::telemetry
