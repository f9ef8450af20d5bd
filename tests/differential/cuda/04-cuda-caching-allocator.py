#! requires: cuda
# The caching allocator hands a freed block straight back: a new storage on a recycled
# address. The segment stays reserved until empty_cache gives unused ones back.
import torch

a = torch.ones(256, device='cuda')
first = a.data_ptr()
del a
print(torch.cuda.memory_allocated())
b = torch.ones(256, device='cuda')
print(b.data_ptr() == first)
torch.cuda.empty_cache()
print(torch.cuda.memory_reserved())
big = torch.empty(3 * 1024 * 1024, device='cuda')
print(torch.cuda.memory_allocated(), torch.cuda.memory_reserved())
del big
print(torch.cuda.memory_allocated(), torch.cuda.memory_reserved())
torch.cuda.empty_cache()
print(torch.cuda.memory_reserved())
print(torch.cuda.max_memory_allocated() >= 3 * 1024 * 1024 * 4)
