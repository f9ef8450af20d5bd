import torch

x = torch.arange(10)
parts = x.chunk(3)
print(parts)
print(len(parts), type(parts) is tuple)
for p in parts:
    print(p.shape, p.storage_offset())
sp = torch.split(x, 4)
print(sp)
sp2 = x.split([2, 3, 5])
print(sp2)
parts[1][0] = -1
print(x)
a, b = x.chunk(2)
print(a, b)
