# Strict warnings for MemLens' own targets. Third-party headers (LibTorch, Qt,
# nlohmann) come in as SYSTEM includes, so these flags apply to our code only.
function(memlens_strict_flags target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Wunused -Woverloaded-virtual -Wconversion -Wsign-conversion
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
  if(MEMLENS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # GCC 12 reports false positives inside libstdc++'s std::string at -O2
  # (GCC bugs 105329, 105651, 106199); they are not about our code.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-array-bounds -Wno-restrict -Wno-stringop-overflow)
  endif()
endfunction()

# LibTorch's exported include directories are not marked SYSTEM in every
# version; re-export them as SYSTEM so its headers never trip our warnings.
function(memlens_link_torch target visibility)
  target_link_libraries(${target} ${visibility} ${TORCH_LIBRARIES})
  target_include_directories(${target} SYSTEM ${visibility} ${TORCH_INCLUDE_DIRS})
endfunction()
