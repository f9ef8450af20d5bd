import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
d = y.detach()
print(d)
print(d.requires_grad, d.data_ptr() == y.data_ptr())
d[0] = 100
print(y)
print(y._version, d._version)
e = x.detach()
e.zero_()
print(x)
print(x._version)
y.detach_()
print(y.requires_grad, y.is_leaf)
print(y)
