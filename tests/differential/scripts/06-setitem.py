import torch

x = torch.zeros(3, 4)
x[0] = 1
print(x)
x[1, 2] = 5
print(x)
x[:, 3] = torch.tensor([7.0, 8.0, 9.0])
print(x)
x[2, 1:3] = -1
print(x)
x[x == 0] = 0.5
print(x)
x[[0, 2], [1, 1]] = 42
print(x)
x[...] = 3
print(x)
print(x._version)
