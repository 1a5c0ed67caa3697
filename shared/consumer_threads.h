// Work handed from the calling thread to consumer threads, each fed in order through a
// BoundedQueue of its own: the reader and the shards' Xapian writers of an indexing run,
// the reader and the n-gram counter of a model's learning, shards opened at once.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "bounded_queue.h"

namespace tracuu {

template <class T>
class ConsumerThreads {
 public:
  // What consumer `k` does with each item given to it, in the order given.
  using Consume = std::function<void(std::size_t k, T& item)>;

  // Starts `consumers` threads, each running `consume` on what push gives it; a queue
  // holds at most `max_weight` (BoundedQueue). A consumer that throws stops every queue:
  // push returns false, failed() is true, and finish() rethrows its exception.
  ConsumerThreads(std::size_t consumers, std::size_t max_weight, Consume consume)
      : consume_(std::move(consume)) {
    for (std::size_t k = 0; k < consumers; ++k) {
      queues_.push_back(std::make_unique<BoundedQueue<T>>(max_weight));
    }
    threads_.reserve(consumers);
    try {
      for (std::size_t k = 0; k < consumers; ++k) threads_.emplace_back([this, k] { work(k); });
    } catch (...) {  // no thread to be had: those started end before this throws
      join();
      throw;
    }
  }
  ConsumerThreads(const ConsumerThreads&) = delete;
  ConsumerThreads& operator=(const ConsumerThreads&) = delete;
  // Without finish() (the producer threw): the consumers take what is queued, and stop.
  ~ConsumerThreads() { join(); }

  // Gives `item` to consumer `k`, after waiting for room. False once a consumer has failed.
  bool push(std::size_t k, T item, std::size_t weight) {
    return queues_[k]->push(std::move(item), weight);
  }

  // Whether a consumer has failed: a producer with nothing to push yet may stop early.
  bool failed() const { return failed_; }

  // Waits for the consumers to take everything pushed; rethrows the first consumer
  // exception.
  void finish() {
    join();
    if (failure_) std::rethrow_exception(failure_);
  }

  // Runs produce() here, then finish(): a consumer's exception wins over produce()'s,
  // which a failed push most likely caused.
  template <class Produce>
  void run(Produce&& produce) {
    std::exception_ptr producer_failure;
    try {
      produce();
    } catch (...) {
      producer_failure = std::current_exception();
    }
    finish();
    if (producer_failure) std::rethrow_exception(producer_failure);
  }

 private:
  void work(std::size_t k) {
    try {
      while (std::optional<T> item = queues_[k]->pop()) consume_(k, *item);
    } catch (...) {
      {
        std::lock_guard lock(failure_mutex_);
        if (!failure_) failure_ = std::current_exception();
      }
      failed_ = true;
      for (auto& q : queues_) q->abort();
    }
  }

  void join() {
    for (auto& q : queues_) q->close();
    for (std::thread& t : threads_) {
      if (t.joinable()) t.join();
    }
  }

  Consume consume_;
  std::vector<std::unique_ptr<BoundedQueue<T>>> queues_;
  std::vector<std::thread> threads_;
  std::mutex failure_mutex_;
  std::exception_ptr failure_;
  std::atomic<bool> failed_{false};
};

}  // namespace tracuu
