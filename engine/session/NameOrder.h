#pragma once
// The order of names in the scope and in the memory model, which walks both
// together: std::string's byte-wise order, spelt out so that map lookups
// inline it (std::less<> goes through C++20's out-of-line operator<=>, and
// std::string_view::compare is not always inlined either). Names are short
// and mostly differ within their first bytes, where a byte loop decides
// sooner than a call to memcmp does.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace memlens {

struct NameOrder {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    const std::size_t common = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < common; ++i) {
      if (a[i] != b[i]) {
        return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
      }
    }
    return a.size() < b.size();
  }
};

}  // namespace memlens
