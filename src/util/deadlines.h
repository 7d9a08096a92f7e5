// Deadlines: the timeouts of one event loop (idle connections, waits for a provider's answer)
// on a single timer. Arming or moving a deadline is a list operation; the timer is moved only
// when a deadline earlier than every other one appears, and when it fires it expires what is
// due and waits for the next. A timer per operation (Beast's tcp_stream) instead schedules and
// cancels a timer, and runs the cancelled handler, around every read and write.
#pragma once

#include <boost/intrusive/list.hpp>
#include <chrono>
#include <functional>

#include "util/async.h"

namespace sluice {

class Deadlines {
 public:
  using Clock = std::chrono::steady_clock;
  using Hook = boost::intrusive::list_member_hook<
      boost::intrusive::link_mode<boost::intrusive::auto_unlink>>;

  // One deadline, owned by what it guards. It is disarmed when it fires, when disarm() is
  // called and when it is destroyed.
  class Entry {
   public:
    // `on_expired` runs on the event loop's thread when the deadline passes while armed.
    explicit Entry(std::function<void()> on_expired) : on_expired_(std::move(on_expired)) {}
    Entry(const Entry&) = delete;
    Entry& operator=(const Entry&) = delete;
    bool armed() const { return hook_.is_linked(); }

   private:
    friend class Deadlines;
    Hook hook_;
    Clock::time_point at_{};
    std::function<void()> on_expired_;
  };

  explicit Deadlines(Executor executor) : timer_(std::move(executor)) {}
  Deadlines(const Deadlines&) = delete;
  Deadlines& operator=(const Deadlines&) = delete;

  // Sets (or moves) the entry's deadline.
  void arm(Entry& entry, Clock::time_point at);
  void arm_after(Entry& entry, std::chrono::milliseconds after) {
    arm(entry, Clock::now() + after);
  }
  // When nothing is left armed the timer stops too, so an io_context with no other work can
  // run out of work and return.
  void disarm(Entry& entry);

 private:
  using List =
      boost::intrusive::list<Entry, boost::intrusive::member_hook<Entry, Hook, &Entry::hook_>,
                             boost::intrusive::constant_time_size<false>>;
  void wait_until(Clock::time_point at);
  void on_timer();

  List entries_;
  SteadyTimer timer_;
  Clock::time_point waiting_for_ = Clock::time_point::max();  // when the timer fires next
};

}  // namespace sluice
