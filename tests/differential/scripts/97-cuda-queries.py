# torch.cuda's questions answer the same with or without a GPU, before any CUDA tensor exists.
import torch

print(torch.cuda.is_available())
print(torch.cuda.device_count())
print(torch.cuda.is_initialized())
print(torch.cuda.memory_allocated(), torch.cuda.memory_reserved())
print(torch.cuda.max_memory_allocated(), torch.cuda.max_memory_reserved())
torch.cuda.empty_cache()
d = torch.device('cuda')
print(d, repr(d), d.type)
print(torch.device('cuda', 0), torch.device('cuda:0'))
x = torch.ones(3)
print(x.is_cuda, x.device)
