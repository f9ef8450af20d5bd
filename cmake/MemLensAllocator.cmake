# The programs' malloc. A recorded statement makes and frees a few dozen small
# objects (its step's records, the operator's arguments, LibTorch's own), and
# with --trace a second thread writes the steps out. glibc's malloc is slow at
# both; mimalloc (Debian: libmimalloc-dev) cut a statement's cost by about a
# sixth (docs/PERFORMANCE.md). Linking the shared library replaces malloc for the
# whole process, LibTorch's tensor data included; the sanitizer presets turn it
# off, since AddressSanitizer must own malloc itself.
option(MEMLENS_MIMALLOC "Link the programs with mimalloc as the process malloc" ON)

# MEMLENS_ALLOCATOR: "mimalloc" where the programs link it, empty where they
# keep the system malloc (the tests check the programs against it).
set(MEMLENS_ALLOCATOR "")
if(MEMLENS_MIMALLOC)
  find_package(mimalloc 2.0 CONFIG QUIET)
  if(mimalloc_FOUND)
    set(MEMLENS_ALLOCATOR "mimalloc")
    message(STATUS "MemLens: the programs link mimalloc as their malloc")
  else()
    # A GPU server with only pip's PyTorch may lack it: build, but say so.
    message(WARNING "MemLens: mimalloc not found (Debian: libmimalloc-dev); the programs use "
                    "the system malloc, which makes recording slower")
  endif()
endif()

# Links a program (never a library: the choice belongs to the process) with
# the allocator chosen above.
function(memlens_use_allocator target)
  if(MEMLENS_ALLOCATOR)
    # Kept even under --as-needed: the program's own malloc and operator new
    # resolve to it.
    target_link_libraries(${target} PRIVATE mimalloc)
  endif()
endfunction()
