#pragma once
// A sequence of map items (blocks, objects, names) stored in chunks that
// copies share: copying it costs its list of chunks, not its items, and the
// next step's layout, built from this one, shares every chunk it keeps whole,
// so a step copies only the chunks next to what it changed. Writing through a
// non-const accessor first copies the chunks it reaches that others share
// (like Qt's containers), so read through a const reference where it counts.

#include <algorithm>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <ranges>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

namespace memlens::ui {

template <class T>
class SharedItems {
  using Chunk = std::vector<T>;

 public:
  // What a fresh chunk collects before the next begins. Smaller chunks copy
  // less next to a change; larger ones make a copy of the list cheaper.
  static constexpr std::size_t kChunkSize = 64;

  template <bool Const>
  class Iterator {
    using Owner = std::conditional_t<Const, const SharedItems, SharedItems>;

   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using reference = std::conditional_t<Const, const T&, T&>;
    using pointer = std::conditional_t<Const, const T*, T*>;

    Iterator() = default;
    Iterator(Owner* items, std::size_t chunk, std::size_t offset)
        : items_(items), chunk_(chunk), offset_(offset) {}

    reference operator*() const { return (*items_->chunks_[chunk_])[offset_]; }
    pointer operator->() const { return &**this; }
    reference operator[](difference_type n) const { return *(*this + n); }

    Iterator& operator++() {
      if (++offset_ == items_->chunks_[chunk_]->size()) {
        ++chunk_;
        offset_ = 0;
      }
      return *this;
    }
    Iterator operator++(int) {
      auto before = *this;
      ++*this;
      return before;
    }
    Iterator& operator--() {
      if (offset_ == 0) {
        --chunk_;
        offset_ = items_->chunks_[chunk_]->size();
      }
      --offset_;
      return *this;
    }
    Iterator operator--(int) {
      auto before = *this;
      --*this;
      return before;
    }
    Iterator& operator+=(difference_type n) {
      return *this = iteratorAt<Const>(
                 items_, static_cast<std::size_t>(static_cast<difference_type>(position()) + n));
    }
    Iterator& operator-=(difference_type n) { return *this += -n; }
    friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
    friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const Iterator& a, const Iterator& b) {
      return static_cast<difference_type>(a.position()) -
             static_cast<difference_type>(b.position());
    }
    friend bool operator==(const Iterator& a, const Iterator& b) {
      return a.chunk_ == b.chunk_ && a.offset_ == b.offset_;
    }
    friend auto operator<=>(const Iterator& a, const Iterator& b) {
      return a.position() <=> b.position();
    }

   private:
    std::size_t position() const { return items_->startOf(chunk_) + offset_; }

    Owner* items_ = nullptr;
    std::size_t chunk_ = 0;
    std::size_t offset_ = 0;
  };

  using value_type = T;
  using size_type = std::size_t;
  using iterator = Iterator<false>;
  using const_iterator = Iterator<true>;

  class Builder;

  std::size_t size() const { return ends_.empty() ? 0 : ends_.back(); }
  bool empty() const { return ends_.empty(); }

  const T& operator[](std::size_t i) const {
    const auto chunk = chunkOf(i);
    return (*chunks_[chunk])[i - startOf(chunk)];
  }
  T& operator[](std::size_t i) {
    const auto chunk = chunkOf(i);
    return (*unshared(chunk))[i - startOf(chunk)];
  }
  const T& at(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("SharedItems::at");
    return (*this)[i];
  }
  const T& front() const { return chunks_.front()->front(); }
  const T& back() const { return chunks_.back()->back(); }

  const_iterator begin() const { return {this, 0, 0}; }
  const_iterator end() const { return {this, chunks_.size(), 0}; }
  iterator begin() {
    for (std::size_t chunk = 0; chunk < chunks_.size(); ++chunk) unshared(chunk);
    return {this, 0, 0};
  }
  iterator end() { return {this, chunks_.size(), 0}; }
  // Items `begin` to `end` (one past the last), to iterate through.
  std::ranges::subrange<const_iterator> slice(std::size_t begin, std::size_t end) const {
    const auto first = iteratorAt<true>(this, begin);
    return {first, first + static_cast<std::ptrdiff_t>(end - begin)};
  }

  void push_back(T item) {
    if (chunks_.empty() || chunks_.back()->size() >= kChunkSize) {
      append(std::make_shared<Chunk>());
      chunks_.back()->reserve(kChunkSize);
    }
    unshared(chunks_.size() - 1)->push_back(std::move(item));
    ++ends_.back();
  }

 private:
  std::size_t startOf(std::size_t chunk) const { return chunk == 0 ? 0 : ends_[chunk - 1]; }

  std::size_t chunkOf(std::size_t i) const {
    return static_cast<std::size_t>(std::upper_bound(ends_.begin(), ends_.end(), i) -
                                    ends_.begin());
  }

  template <bool Const, class Owner>
  static Iterator<Const> iteratorAt(Owner* items, std::size_t i) {
    const auto chunk = items->chunkOf(i);
    return {items, chunk, chunk < items->chunks_.size() ? i - items->startOf(chunk) : 0};
  }

  Chunk* unshared(std::size_t chunk) {
    auto& shared = chunks_[chunk];
    if (shared.use_count() > 1) shared = std::make_shared<Chunk>(*shared);
    return shared.get();
  }

  void append(std::shared_ptr<Chunk> chunk) {
    ends_.push_back(size() + chunk->size());
    chunks_.push_back(std::move(chunk));
  }

  std::vector<std::shared_ptr<Chunk>> chunks_;  // never an empty one
  std::vector<std::size_t> ends_;               // ends_[i]: one past chunk i's last item
};

// Builds the items of a layout from those of the one before: runs of items
// kept as they were share their chunks where they span them whole, the rest
// (and new items) are copied into fresh chunks. Remembers where each earlier
// item went, so that lookups can follow it instead of being sorted anew.
template <class T>
class SharedItems<T>::Builder {
 public:
  static constexpr std::uint32_t kGone = UINT32_MAX;

  explicit Builder(const SharedItems* before = nullptr)
      : before_(before), positions_(before ? before->size() : 0, kGone) {}

  std::size_t size() const { return built_.size() + open_.size() + (runEnd_ - runBegin_); }

  // Item `index` of the items before, unchanged.
  void keep(std::size_t index) {
    if (index != runEnd_) {
      flushRun();
      runBegin_ = runEnd_ = index;
    }
    positions_[index] = static_cast<std::uint32_t>(size());
    ++runEnd_;
  }

  // Item `index` of the items before, changed (moved, or its marks cleared).
  void carry(std::size_t index, T item) {
    positions_[index] = static_cast<std::uint32_t>(size());
    add(std::move(item));
  }

  void add(T item) {
    flushRun();
    open_.push_back(std::move(item));
    if (open_.size() >= kChunkSize) close();
  }

  SharedItems build() {
    flushRun();
    close();
    return std::move(built_);
  }

  // Where each item before went: its index in the built items, or kGone.
  const std::vector<std::uint32_t>& positions() const { return positions_; }

 private:
  // A kept chunk is shared unless a short fresh chunk would be left before
  // it: then it is copied on, so that chunks stay large over many steps.
  void flushRun() {
    auto chunk = before_ && runBegin_ < runEnd_ ? before_->chunkOf(runBegin_) : 0;
    for (auto i = runBegin_; i < runEnd_; ++chunk) {
      const auto start = before_->startOf(chunk);
      const auto& items = before_->chunks_[chunk];
      const auto stop = std::min(runEnd_, start + items->size());
      const bool whole = i == start && stop == start + items->size();
      if (whole && (open_.empty() || open_.size() >= kChunkSize / 2)) {
        close();
        built_.append(items);
      } else {
        open_.insert(open_.end(), items->begin() + static_cast<std::ptrdiff_t>(i - start),
                     items->begin() + static_cast<std::ptrdiff_t>(stop - start));
        if (open_.size() >= kChunkSize) close();
      }
      i = stop;
    }
    runBegin_ = runEnd_ = 0;
  }

  void close() {
    if (open_.empty()) return;
    built_.append(std::make_shared<Chunk>(std::move(open_)));
    open_ = {};
  }

  const SharedItems* before_;
  std::vector<std::uint32_t> positions_;
  SharedItems built_;
  Chunk open_;
  std::size_t runBegin_ = 0;  // the run of kept items not yet added
  std::size_t runEnd_ = 0;
};

}  // namespace memlens::ui
