// ConsumerThreads: items reach their consumer in order, and a failure on either side
// stops both and comes out of run() once, the consumer's first.
#include "consumer_threads.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace tracuu {
namespace {

TEST(ConsumerThreads, EachConsumerTakesItsItemsInOrder) {
  std::vector<std::vector<int>> taken(3);
  ConsumerThreads<int> consumers(3, 4, [&](std::size_t k, int& item) { taken[k].push_back(item); });
  consumers.run([&] {
    for (int i = 0; i < 300; ++i)
      ASSERT_TRUE(consumers.push(static_cast<std::size_t>(i % 3), i, 1));
  });
  for (std::size_t k = 0; k < 3; ++k) {
    ASSERT_EQ(taken[k].size(), 100u);
    for (std::size_t j = 0; j < taken[k].size(); ++j)
      EXPECT_EQ(taken[k][j], static_cast<int>(3 * j + k));
  }
}

TEST(ConsumerThreads, AConsumerFailureStopsTheProducerAndIsTheOneThrown) {
  struct Stopped {};
  int pushed = 0;
  ConsumerThreads<int> consumers(2, 1, [](std::size_t k, int& item) {
    if (k == 1 && item == 5) throw std::runtime_error("disk full");
  });
  try {
    consumers.run([&] {
      for (int i = 0;; ++i) {
        if (!consumers.push(1, i, 1)) throw Stopped();  // as the producers do
        ++pushed;
      }
    });
    ADD_FAILURE() << "nothing thrown";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()), "disk full");
  }
  EXPECT_TRUE(consumers.failed());
  EXPECT_GE(pushed, 6);
  EXPECT_LT(pushed, 10);  // the queue holds one item: the producer stopped soon after
}

TEST(ConsumerThreads, AProducerFailureComesOutAfterTheConsumersFinish) {
  int taken = 0;
  ConsumerThreads<int> consumers(1, 8, [&](std::size_t, int&) { ++taken; });
  EXPECT_THROW(consumers.run([&] {
    for (int i = 0; i < 5; ++i) consumers.push(0, i, 1);
    throw std::logic_error("bad input");
  }),
               std::logic_error);
  EXPECT_EQ(taken, 5);  // what was pushed before is consumed
  EXPECT_FALSE(consumers.failed());
}

TEST(ConsumerThreads, LeftWithoutFinishTheConsumersEndOnTheirOwn) {
  int taken = 0;
  {
    ConsumerThreads<int> consumers(1, 8, [&](std::size_t, int&) { ++taken; });
    consumers.push(0, 1, 1);
    consumers.push(0, 2, 1);
  }
  EXPECT_EQ(taken, 2);
}

}  // namespace
}  // namespace tracuu
