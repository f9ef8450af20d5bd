import torch

x = torch.zeros(2, 3, 4)
print(x.shape)
print(x.size())
print(x.size(1), x.size(-1))
print(x.shape == (2, 3, 4))
print(x.shape == torch.Size([2, 3, 4]))
print(x.shape[0], x.shape[-1])
print(x.shape[1:])
print(len(x.shape))
print(type(x.shape))
print(torch.Size([]))
print(torch.tensor(1).shape)
print(list(x.shape), tuple(x.shape))
print(x.shape.numel())
a, b, c = x.shape
print(a * b * c)
print(repr(torch.Size([5])))
