#include "util/deadlines.h"

namespace sluice {

void Deadlines::arm(Entry& entry, Clock::time_point at) {
  entry.hook_.unlink();
  entry.at_ = at;
  entries_.push_back(entry);
  if (at < waiting_for_) wait_until(at);
}

void Deadlines::disarm(Entry& entry) {
  entry.hook_.unlink();
  if (when_idle_ == WhenIdle::stop && entries_.empty() &&
      waiting_for_ != Clock::time_point::max()) {
    waiting_for_ = Clock::time_point::max();
    timer_.cancel();
  }
}

void Deadlines::wait_until(Clock::time_point at) {
  waiting_for_ = at;
  timer_.expires_at(at);  // cancels the wait for a later time, if any
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) on_timer();
  });
}

void Deadlines::on_timer() {
  waiting_for_ = Clock::time_point::max();
  const auto now = Clock::now();
  // What expires moves to a list of its own first, then is told one entry at a time: a handler
  // may arm, disarm or destroy other entries (a destroyed one unlinks itself from `due`).
  List due;
  auto next = Clock::time_point::max();
  for (auto it = entries_.begin(); it != entries_.end();) {
    Entry& entry = *it;
    if (entry.at_ <= now) {
      it = entries_.erase(it);
      due.push_back(entry);
    } else {
      next = std::min(next, entry.at_);
      ++it;
    }
  }
  if (next != Clock::time_point::max()) wait_until(next);
  while (!due.empty()) {
    Entry& entry = due.front();
    due.pop_front();
    entry.on_expired_();
  }
}

}  // namespace sluice
