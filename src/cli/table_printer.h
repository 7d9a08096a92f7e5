// Prints rows as an aligned text table for the terminal (`sluice spend`, `sluice logs`).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace sluice::cli {

class TablePrinter {
 public:
  // `right` marks the columns aligned right (numbers).
  TablePrinter(std::vector<std::string> headers, std::vector<bool> right);
  void add(std::vector<std::string> row);
  void print(std::ostream& out, bool with_header = true) const;

 private:
  std::vector<std::string> headers_;
  std::vector<bool> right_;
  std::vector<std::vector<std::string>> rows_;
};

// "1,234,567" for counts.
std::string grouped(int64_t value);
// "$12.3456" for costs (4 decimals under $100, 2 above).
std::string dollars(double value);

}  // namespace sluice::cli
