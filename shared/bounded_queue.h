// A bounded queue between two threads: a producer that waits while the queue holds `max`
// (items weigh what push says: passages, units), and a consumer that takes them in order.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace tracuu {

template <class T>
class BoundedQueue {
 public:
  explicit BoundedQueue(std::size_t max) : max_(max) {}

  // Waits for room (an item heavier than `max` goes in alone). False when the consumer has
  // given up (abort): stop producing.
  bool push(T item, std::size_t weight) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return weight_ < max_ || items_.empty() || aborted_; });
    if (aborted_) return false;
    weight_ += weight;
    items_.emplace_back(std::move(item), weight);
    not_empty_.notify_one();
    return true;
  }

  // The next item; nothing once the queue is closed and empty.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    std::pair<T, std::size_t> item = std::move(items_.front());
    items_.pop_front();
    weight_ -= item.second;
    not_full_.notify_one();
    return std::move(item.first);
  }

  // The producer is done: pop returns what is left, then nothing.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
  }

  // The consumer is done (it failed): push returns false from now on.
  void abort() {
    std::lock_guard lock(mutex_);
    aborted_ = true;
    not_full_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_full_, not_empty_;
  std::deque<std::pair<T, std::size_t>> items_;
  std::size_t weight_ = 0;
  std::size_t max_;
  bool closed_ = false;
  bool aborted_ = false;
};

}  // namespace tracuu
