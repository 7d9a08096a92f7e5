#include "telemetry/tokenizer/tokenizers.h"

#include <array>
#include <filesystem>
#include <future>
#include <system_error>

namespace sluice::telemetry {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kRanksDir = "data/tokenizers/node_modules/js-tiktoken/dist/ranks";

// Model name prefixes that use o200k_base; everything else is counted with cl100k_base.
constexpr std::array<std::string_view, 10> kO200kPrefixes = {
    "gpt-4o", "gpt-4.1", "gpt-4.5", "gpt-5", "o1", "o3", "o4", "chatgpt-4o", "gpt-oss", "codex-",
};

// The ranks directory under `start` or one of its parents, or empty.
fs::path find_upwards(fs::path start) {
  std::error_code ec;
  for (fs::path dir = start; !dir.empty(); dir = dir.parent_path()) {
    const fs::path candidate = dir / kRanksDir;
    if (fs::exists(candidate / "o200k_base.js", ec)) return candidate;
    if (dir == dir.parent_path()) break;
  }
  return {};
}

}  // namespace

Tokenizers::Tokenizers(std::unique_ptr<BpeTokenizer> o200k, std::unique_ptr<BpeTokenizer> cl100k)
    : o200k_(std::move(o200k)), cl100k_(std::move(cl100k)) {}

Result<Tokenizers> Tokenizers::load(const std::string& dir) {
  // The two files are independent, so they load in parallel: start-up waits for the larger only.
  auto cl100k_future = std::async(std::launch::async,
                                  [&dir] { return BpeTokenizer::load(dir + "/cl100k_base.js"); });
  Result<std::unique_ptr<BpeTokenizer>> o200k = BpeTokenizer::load(dir + "/o200k_base.js");
  Result<std::unique_ptr<BpeTokenizer>> cl100k = cl100k_future.get();
  if (!o200k) return o200k.error();
  if (!cl100k) return cl100k.error();
  return Tokenizers(std::move(o200k.value()), std::move(cl100k.value()));
}

const BpeTokenizer& Tokenizers::for_model(std::string_view model) const {
  if (const std::size_t slash = model.rfind('/'); slash != std::string_view::npos) {
    model.remove_prefix(slash + 1);
  }
  for (std::string_view prefix : kO200kPrefixes) {
    if (model.starts_with(prefix)) return *o200k_;
  }
  return *cl100k_;
}

std::string default_tokenizer_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    if (fs::path found = find_upwards(exe.parent_path()); !found.empty()) return found.string();
  }
  const fs::path cwd = fs::current_path(ec);
  if (!ec) {
    if (fs::path found = find_upwards(cwd); !found.empty()) return found.string();
  }
  return {};
}

}  // namespace sluice::telemetry
