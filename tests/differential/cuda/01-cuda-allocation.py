#! requires: cuda
# A CUDA tensor is a new storage in the cuda:0 lane; torch.cuda.memory_allocated counts the
# caching allocator's rounded blocks (multiples of 512 bytes).
import torch

print(torch.cuda.memory_allocated())
a = torch.ones(4, device='cuda')
print(a)
print(a.device, a.is_cuda, a.dtype)
print(torch.cuda.is_initialized())
print(torch.cuda.memory_allocated())
b = a + 1
print(b)
print(torch.cuda.memory_allocated())
c = torch.zeros(1000, device='cuda:0', dtype=torch.float64)
print(torch.cuda.memory_allocated())
del b
print(torch.cuda.memory_allocated())
