#pragma once
// The order of names in the scope and in the memory model, which walks both
// together: std::string's byte-wise order, spelt out so that map lookups
// inline it (std::less<> goes through C++20's out-of-line operator<=>, and
// std::string_view::compare is not always inlined either).

#include <algorithm>
#include <string>
#include <string_view>

namespace memlens {

struct NameOrder {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const noexcept {
    const int order =
        std::char_traits<char>::compare(a.data(), b.data(), std::min(a.size(), b.size()));
    return order != 0 ? order < 0 : a.size() < b.size();
  }
};

}  // namespace memlens
