#include "trace/PrettyJson.h"

namespace memlens {

void appendPrettyJson(std::string& out, std::string_view compact) {
  std::size_t depth = 0;
  const auto newLine = [&] {
    out += '\n';
    out.append(depth, ' ');
  };
  for (std::size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    switch (c) {
      case '"': {
        // A string, copied whole: its commas and brackets are not structure.
        const std::size_t start = i;
        for (++i; i < compact.size() && compact[i] != '"'; ++i) {
          if (compact[i] == '\\') ++i;
        }
        out.append(compact.substr(start, i + 1 - start));
        break;
      }
      case '{':
      case '[':
        out += c;
        if (i + 1 < compact.size() && compact[i + 1] == (c == '{' ? '}' : ']')) {
          out += compact[++i];
        } else {
          ++depth;
          newLine();
        }
        break;
      case '}':
      case ']':
        --depth;
        newLine();
        out += c;
        break;
      case ',':
        out += c;
        newLine();
        break;
      case ':': out += ": "; break;
      default: out += c;
    }
  }
}

}  // namespace memlens
