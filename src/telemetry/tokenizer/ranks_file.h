// Reader for js-tiktoken's vocabulary files (dist/ranks/<name>.js): a JS module exporting one
// object {pat_str, special_tokens, bpe_ranks}. bpe_ranks is compact text: lines of
// "<tag> <first rank> <base64 token> <base64 token> ...", the tokens taking consecutive ranks.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/result.h"
#include "telemetry/tokenizer/rank_table.h"

namespace sluice::telemetry {

// Everything one vocabulary file defines.
struct RanksFile {
  std::string pat_str;  // the pre-tokenization regex, in JS syntax (which PCRE2 also reads)
  std::vector<std::pair<std::string, uint32_t>> special_tokens;
  RankTable ranks;
};

// Reads and decodes one vocabulary file; errors name the file.
Result<RanksFile> read_ranks_file(const std::string& path);

}  // namespace sluice::telemetry
