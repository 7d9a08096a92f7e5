#define PCRE2_CODE_UNIT_WIDTH 8
#include "telemetry/tokenizer/bpe_tokenizer.h"

#include <pcre2.h>

#include <array>
#include <filesystem>

#include "telemetry/tokenizer/bpe_merge.h"
#include "telemetry/tokenizer/ranks_file.h"
#include "telemetry/tokenizer/utf8_repair.h"

namespace sluice::telemetry {
namespace {

// Per-thread PCRE2 state, so count() stays const and lock-free. Only the whole match is read,
// so a one-pair ovector serves every pattern (pcre2_match then returns 0, which is a match).
class MatchScratch {
 public:
  MatchScratch()
      : data_(pcre2_match_data_create(1, nullptr)),
        context_(pcre2_match_context_create(nullptr)),
        // Long runs of letters need more than JIT's default 32 KiB of stack.
        stack_(pcre2_jit_stack_create(32 * 1024, 8 * 1024 * 1024, nullptr)) {
    pcre2_jit_stack_assign(context_, nullptr, stack_);
  }
  ~MatchScratch() {
    pcre2_jit_stack_free(stack_);
    pcre2_match_context_free(context_);
    pcre2_match_data_free(data_);
  }
  MatchScratch(const MatchScratch&) = delete;
  MatchScratch& operator=(const MatchScratch&) = delete;

  pcre2_match_data* data() const { return data_; }
  pcre2_match_context* context() const { return context_; }

 private:
  pcre2_match_data* data_;
  pcre2_match_context* context_;
  pcre2_jit_stack* stack_;
};

// The calling thread's scratch, shared by every tokenizer and both entry points.
MatchScratch& match_scratch() {
  thread_local MatchScratch scratch;
  return scratch;
}

std::string regex_error(int code) {
  std::array<PCRE2_UCHAR, 256> buffer{};
  pcre2_get_error_message(code, buffer.data(), buffer.size());
  return reinterpret_cast<const char*>(buffer.data());
}

}  // namespace

void BpeTokenizer::RegexDeleter::operator()(pcre2_real_code_8* code) const {
  pcre2_code_free(code);
}

BpeTokenizer::BpeTokenizer(std::string name, std::unique_ptr<pcre2_real_code_8, RegexDeleter> regex,
                           RankTable ranks,
                           std::vector<std::pair<std::string, uint32_t>> special_tokens)
    : name_(std::move(name)),
      regex_(std::move(regex)),
      ranks_(std::move(ranks)),
      special_tokens_(std::move(special_tokens)) {}

BpeTokenizer::~BpeTokenizer() = default;

Result<std::unique_ptr<BpeTokenizer>> BpeTokenizer::load(const std::string& path) {
  Result<RanksFile> file = read_ranks_file(path);
  if (!file) return file.error();
  int code = 0;
  PCRE2_SIZE offset = 0;
  // UCP makes \s, \p{L} and friends Unicode-aware, as the JS 'u' flag does.
  std::unique_ptr<pcre2_real_code_8, RegexDeleter> regex(
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(file->pat_str.data()), file->pat_str.size(),
                    PCRE2_UTF | PCRE2_UCP, &code, &offset, nullptr));
  if (!regex) {
    return GatewayError{ErrorClass::internal,
                        "tokenizer vocabulary " + path + ": cannot compile pat_str at offset " +
                            std::to_string(offset) + ": " + regex_error(code)};
  }
  // Without JIT (an unsupported CPU) matching still works, only slower.
  pcre2_jit_compile(regex.get(), PCRE2_JIT_COMPLETE);
  std::string name = std::filesystem::path(path).stem().string();
  return std::unique_ptr<BpeTokenizer>(new BpeTokenizer(
      std::move(name), std::move(regex), std::move(file->ranks), std::move(file->special_tokens)));
}

template <class Sink>
void BpeTokenizer::for_each_piece(std::string_view text, Sink&& sink) const {
  const MatchScratch& scratch = match_scratch();
  std::string repaired;  // allocates only when the text is not valid UTF-8
  text = valid_utf8(text, repaired);
  const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  PCRE2_SIZE at = 0;
  while (at < text.size()) {
    const int rc = pcre2_match(regex_.get(), subject, text.size(), at, PCRE2_NO_UTF_CHECK,
                               scratch.data(), scratch.context());
    if (rc == PCRE2_ERROR_NOMATCH) return;
    if (rc < 0) {
      // A resource limit on hostile input: the rest is one piece, which the heap merge handles.
      sink(text.substr(at));
      return;
    }
    const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(scratch.data());
    if (ovector[1] > ovector[0]) sink(text.substr(ovector[0], ovector[1] - ovector[0]));
    // No alternative of the vocabularies' patterns matches empty; step over one anyway.
    at = ovector[1] > at ? ovector[1] : at + 1;
    while (at < text.size() && (static_cast<uint8_t>(text[at]) & 0xC0) == 0x80) ++at;
  }
}

std::vector<uint32_t> BpeTokenizer::encode(std::string_view text) const {
  std::vector<uint32_t> ids;
  thread_local std::vector<uint32_t> bounds;
  for_each_piece(text, [&](std::string_view piece) {
    if (const uint32_t rank = ranks_.find(piece); rank != RankTable::kNone) {
      ids.push_back(rank);
      return;
    }
    merge_piece(ranks_, piece, bounds);
    for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
      ids.push_back(ranks_.find(piece.substr(bounds[i], bounds[i + 1] - bounds[i])));
    }
  });
  return ids;
}

std::size_t BpeTokenizer::count(std::string_view text) const {
  std::size_t total = 0;
  thread_local std::vector<uint32_t> bounds;
  for_each_piece(text, [&](std::string_view piece) {
    if (ranks_.find(piece) != RankTable::kNone) {
      ++total;
      return;
    }
    // Every part left by the merge is a token: single bytes all are, joins only make tokens.
    merge_piece(ranks_, piece, bounds);
    total += bounds.size() - 1;
  });
  return total;
}

std::optional<uint32_t> BpeTokenizer::special_token(std::string_view text) const {
  for (const auto& [token, id] : special_tokens_) {
    if (token == text) return id;
  }
  return std::nullopt;
}

}  // namespace sluice::telemetry
