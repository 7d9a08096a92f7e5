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

  // What the timer does when the last armed deadline is disarmed.
  enum class WhenIdle {
    // Keeps waiting (it fires once, finds nothing due, and stops): arming again later costs
    // no timer syscall. For an event loop that serves connections and never runs dry anyway.
    keep_waiting,
    // Stops at once, so an io_context with no other work runs out of work and returns.
    stop,
  };
  explicit Deadlines(Executor executor, WhenIdle when_idle = WhenIdle::keep_waiting)
      : timer_(std::move(executor)), when_idle_(when_idle) {}
  Deadlines(const Deadlines&) = delete;
  Deadlines& operator=(const Deadlines&) = delete;

  // Sets (or moves) the entry's deadline.
  void arm(Entry& entry, Clock::time_point at);
  void arm_after(Entry& entry, std::chrono::milliseconds after) {
    arm(entry, Clock::now() + after);
  }
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
  WhenIdle when_idle_;
};

}  // namespace sluice
