# The two third-party packages the engine and its tests need besides LibTorch,
# found without any network: a GPU server with only pip's PyTorch may lack
# the system packages, and must then say what is missing.

# nlohmann/json (header only): the system package, else any include
# directory that holds nlohmann/json.hpp (LibTorch's own included).
find_package(nlohmann_json 3.10 QUIET)
if(NOT nlohmann_json_FOUND)
  find_path(MEMLENS_NLOHMANN_JSON_INCLUDE_DIR nlohmann/json.hpp PATHS ${TORCH_INCLUDE_DIRS})
  if(NOT MEMLENS_NLOHMANN_JSON_INCLUDE_DIR)
    message(FATAL_ERROR
      "nlohmann/json 3.10+ not found. Install it (Debian/Ubuntu: nlohmann-json3-dev) or pass "
      "-DMEMLENS_NLOHMANN_JSON_INCLUDE_DIR=<directory holding nlohmann/json.hpp>.")
  endif()
  add_library(nlohmann_json::nlohmann_json INTERFACE IMPORTED)
  target_include_directories(nlohmann_json::nlohmann_json SYSTEM INTERFACE
                             ${MEMLENS_NLOHMANN_JSON_INCLUDE_DIR})
  message(STATUS "MemLens: nlohmann/json from ${MEMLENS_NLOHMANN_JSON_INCLUDE_DIR}")
endif()

# GoogleTest: the installed library, unless LibTorch uses the old C++ ABI,
# which a prebuilt libgtest does not; then (or when none is installed) its
# sources, built here with our flags. Debian's googletest package puts them
# in /usr/src/googletest.
set(MEMLENS_GTEST_SOURCE_DIR /usr/src/googletest CACHE PATH
    "GoogleTest sources, built when no usable GoogleTest library is installed")
macro(memlens_find_gtest)
  if(NOT MEMLENS_OLD_CXX_ABI)
    find_package(GTest QUIET)
  endif()
  if(NOT TARGET GTest::gtest_main)
    if(NOT EXISTS ${MEMLENS_GTEST_SOURCE_DIR}/CMakeLists.txt)
      message(FATAL_ERROR
        "GoogleTest not found (old C++ ABI: ${MEMLENS_OLD_CXX_ABI}, which needs it built from "
        "source). Install it (Debian/Ubuntu: libgtest-dev or googletest), pass "
        "-DMEMLENS_GTEST_SOURCE_DIR=<googletest sources>, or configure with "
        "-DMEMLENS_BUILD_TESTS=OFF.")
    endif()
    set(INSTALL_GTEST OFF CACHE BOOL "" FORCE)
    set(BUILD_GMOCK OFF CACHE BOOL "" FORCE)
    add_subdirectory(${MEMLENS_GTEST_SOURCE_DIR} ${CMAKE_BINARY_DIR}/googletest EXCLUDE_FROM_ALL)
    foreach(library gtest gtest_main)
      if(NOT TARGET GTest::${library})
        add_library(GTest::${library} ALIAS ${library})
      endif()
    endforeach()
    message(STATUS "MemLens: GoogleTest built from ${MEMLENS_GTEST_SOURCE_DIR}")
  endif()
endmacro()
