#! requires: cuda
# In-place writes and views on the GPU: the same storage, the version counter rises.
import torch

a = torch.arange(6.0, device='cuda')
before = torch.cuda.memory_allocated()
a.add_(1)
print(a, a._version)
v = a[1:4]
v.mul_(10)
print(a, a._version, v._version)
t = a.view(2, 3).t()
print(t.is_contiguous(), t.stride())
c = t.contiguous()
print(c.data_ptr() == a.data_ptr())
print(torch.cuda.memory_allocated() - before)
