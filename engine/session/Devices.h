#pragma once
// Which device types this LibTorch can run on, for the UI to offer only what
// works (the CUDA lesson where CUDA is present). Torch-free header.

#include <string_view>

namespace memlens {

// "cpu" always; "cuda" when LibTorch was built with CUDA and sees a GPU.
bool deviceAvailable(std::string_view type);

}  // namespace memlens
