#pragma once
// A constant table from spellings (keywords, operators) to token ids, grouped by first
// character so that a lookup compares only the few spellings that can match.

#include <array>
#include <cstddef>
#include <string_view>

#include "script/Lexer.h"

namespace memlens::script {

struct Spelling {
  std::string_view text;
  TokenId id;
};

template <std::size_t N>
class SpellingTable {
 public:
  // `spellings` lists those that share a first character together, a longer one before any
  // shorter one it begins with.
  consteval explicit SpellingTable(const std::array<Spelling, N>& spellings)
      : spellings_(spellings) {
    for (std::size_t index = 0; index < N; ++index) {
      Group& group = groups_[static_cast<unsigned char>(spellings[index].text.front())];
      if (group.count == 0) group.first = index;
      // Not a constant expression, so a table that is not grouped does not compile.
      if (group.first + group.count != index) throw "spellings that share a first character";
      ++group.count;
    }
  }

  // The spelling that is exactly `word`, or nullptr.
  const Spelling* find(std::string_view word) const {
    if (word.empty()) return nullptr;
    const Group& group = groups_[static_cast<unsigned char>(word.front())];
    for (std::size_t index = group.first; index < group.first + group.count; ++index) {
      const Spelling& spelling = spellings_[index];
      if (spelling.text.size() == word.size() && restMatches(word, spelling.text)) {
        return &spelling;
      }
    }
    return nullptr;
  }

  // The longest spelling that `text` starts with, or nullptr.
  const Spelling* findPrefixOf(std::string_view text) const {
    if (text.empty()) return nullptr;
    const Group& group = groups_[static_cast<unsigned char>(text.front())];
    for (std::size_t index = group.first; index < group.first + group.count; ++index) {
      const Spelling& spelling = spellings_[index];
      if (spelling.text.size() <= text.size() && restMatches(text, spelling.text)) {
        return &spelling;
      }
    }
    return nullptr;
  }

 private:
  struct Group {
    std::size_t first = 0;
    std::size_t count = 0;
  };

  // Whether `text` continues like `spelling` after the first character, which the group
  // already matched; a loop, since a call to memcmp costs more than these few characters.
  static bool restMatches(std::string_view text, std::string_view spelling) {
    for (std::size_t index = 1; index < spelling.size(); ++index) {
      if (text[index] != spelling[index]) return false;
    }
    return true;
  }

  std::array<Spelling, N> spellings_;
  std::array<Group, 256> groups_{};
};

}  // namespace memlens::script
