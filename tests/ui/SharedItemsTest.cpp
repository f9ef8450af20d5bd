// Items shared between layouts: a layout built from the one before shares the
// chunks it keeps whole, copies only those next to a change, and a write to
// one copy never shows in another.

#include "ui/SharedItems.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <utility>

namespace memlens::ui {
namespace {

using Items = SharedItems<int>;
constexpr std::size_t kChunk = Items::kChunkSize;

Items numbers(int count) {
  Items items;
  for (int i = 0; i < count; ++i) items.push_back(i);
  return items;
}

TEST(SharedItems, KeepingEveryItemSharesEveryChunk) {
  const Items before = numbers(10 * kChunk);
  Items::Builder builder(&before);
  for (std::size_t i = 0; i < before.size(); ++i) builder.keep(i);
  const Items after = builder.build();
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) EXPECT_EQ(&after[i], &before[i]);
}

TEST(SharedItems, DroppingAnItemCopiesOnlyTheChunksNextToIt) {
  const Items before = numbers(10 * kChunk);
  const std::size_t dropped = 5 * kChunk + 3;
  Items::Builder builder(&before);
  for (std::size_t i = 0; i < before.size(); ++i) {
    if (i != dropped) builder.keep(i);
  }
  const Items after = builder.build();
  ASSERT_EQ(after.size(), before.size() - 1);
  std::size_t copied = 0;
  for (std::size_t i = 0; i < after.size(); ++i) {
    const std::size_t from = i < dropped ? i : i + 1;
    EXPECT_EQ(after[i], before[from]);
    EXPECT_EQ(builder.positions()[from], i);
    if (&after[i] != &before[from]) ++copied;
  }
  EXPECT_EQ(builder.positions()[dropped], Items::Builder::kGone);
  EXPECT_LE(copied, 2 * kChunk);
}

TEST(SharedItems, CarriedAndAddedItemsTakeTheirPlaceInOrder) {
  const Items before = numbers(3);
  Items::Builder builder(&before);
  builder.keep(0);
  builder.add(7);
  builder.carry(2, 20);
  builder.keep(1);
  const Items after = builder.build();
  ASSERT_EQ(after.size(), 4U);
  EXPECT_TRUE(std::equal(after.begin(), after.end(), std::begin({0, 7, 20, 1})));
  EXPECT_EQ(builder.positions(), (std::vector<std::uint32_t>{0, 3, 2}));
}

TEST(SharedItems, AWriteToOneCopyLeavesTheOtherAlone) {
  const Items original = numbers(3 * kChunk);
  Items copy = original;
  copy[kChunk] = -1;
  for (auto& item : copy) item += 1000;
  EXPECT_EQ(original[kChunk], static_cast<int>(kChunk));
  EXPECT_EQ(copy[kChunk], 999);
  std::sort(copy.begin(), copy.end(), std::greater<>());
  EXPECT_EQ(copy.front(), 1000 + static_cast<int>(3 * kChunk) - 1);
  EXPECT_EQ(original.front(), 0);
}

}  // namespace
}  // namespace memlens::ui
