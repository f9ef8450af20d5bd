import torch

x = torch.zeros(3)
print(x._version)
x.add_(1)
print(x._version)
x[0] = 5
print(x._version)
x += 1
print(x._version)
y = x + 1
print(y._version)
v = x[1:]
print(v._version)
v.mul_(2)
print(x._version, v._version)
torch.add(x, x, out=y)
print(y._version)
x.copy_(y)
print(x._version)
x.resize_(3)
print(x._version)
x.t_()
print(x._version)
