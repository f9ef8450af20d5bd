import torch

x = torch.arange(9.0)
a = x.as_strided((2, 2), (3, 1))
print(a)
b = x.as_strided((2, 2), (1, 2), 1)
print(b, b.storage_offset())
c = x.as_strided((3, 3), (0, 1))
print(c)
a[1, 1] = -1
print(x)
print(torch.as_strided(x, (3,), (3,)))
