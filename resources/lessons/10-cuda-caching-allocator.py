#! requires: cuda
#> On the GPU, freed blocks go back to PyTorch's caching allocator, not to the driver.
import torch

a = torch.ones(1024, device="cuda")
print(torch.cuda.memory_allocated())

#> Freeing a drops allocated memory, but the block stays reserved in the cache.
del a
print(torch.cuda.memory_allocated())

#> The next allocation of that size gets the same block back: a recycled address,
#> a new storage, not an in-place write.
b = torch.ones(1024, device="cuda")
print(torch.cuda.memory_allocated())
