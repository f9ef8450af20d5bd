import torch

x = torch.tensor([[1], [2], [3]])
e = x.expand(3, 4)
print(e)
print(e.stride(), e.is_contiguous())
f = x.expand(2, -1, 5)
print(f.shape, f.stride())
g = torch.tensor([1.0, 2.0]).expand_as(torch.zeros(3, 2))
print(g)
x[1, 0] = 20
print(e)
c = e.contiguous()
print(c.stride())
r = torch.tensor([1, 2]).repeat(2, 2)
print(r)
