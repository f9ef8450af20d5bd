#pragma once
// What a script changes that outlives a statement besides its variables:
// torch.set_printoptions and the like.

#include "script/TensorFormat.h"

namespace memlens::script {

struct ScriptState {
  PrintOptions printOptions;
};

}  // namespace memlens::script
