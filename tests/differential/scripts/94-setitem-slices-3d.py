import torch

x = torch.zeros(2, 3, 4, dtype=torch.int32)
x[0, :, 1] = 1
x[1, 1:, ::2] = 2
x[:, 0] += 3
x[..., -1] = torch.tensor([7, 8, 9], dtype=torch.int32)
print(x)
print(x._version)
y = x[1]
y[2] = y[2] * 10
print(x[1])
print(x._version, y._version)
