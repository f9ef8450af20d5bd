# What the LibTorch found by find_package(Torch) asks of the rest of the build.
# Debian's CPU LibTorch 1.13 and a pip PyTorch's CUDA LibTorch 2.x both come
# through here (Torch_DIR or CMAKE_PREFIX_PATH picks one).

# TorchConfig puts _GLIBCXX_USE_CXX11_ABI on the torch target only, but our
# libraries pass std::string between torch-free and torch-using code, and the
# tests link GoogleTest: every target must share LibTorch's ABI. The
# compiler's default is the new ABI, so only an old-ABI LibTorch (pip wheels
# before 2.7) changes anything; Debian's builds keep their flags, and ccache
# its hits.
if(TORCH_CXX_FLAGS MATCHES "_GLIBCXX_USE_CXX11_ABI=0")
  add_compile_definitions(_GLIBCXX_USE_CXX11_ABI=0)
  set(MEMLENS_OLD_CXX_ABI ON)
else()
  set(MEMLENS_OLD_CXX_ABI OFF)
endif()

# A CUDA LibTorch exports c10_cuda; only then are the caching allocator's
# statistics and snapshot compiled in (Debian ships c10/cuda headers without
# the library, so the headers alone prove nothing).
if(TARGET c10_cuda)
  set(MEMLENS_WITH_CUDA ON)
else()
  set(MEMLENS_WITH_CUDA OFF)
endif()
message(STATUS "MemLens: LibTorch ${Torch_VERSION} at ${Torch_DIR}; CUDA allocator support: "
               "${MEMLENS_WITH_CUDA}; old C++ ABI: ${MEMLENS_OLD_CXX_ABI}")
