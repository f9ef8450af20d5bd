import torch

x = torch.ones(3)
y = x
x += 2
print(x, y)
print(x is y)
x = x + 2
print(x, y)
print(x is y)
x *= 3
print(x)
y -= 1
print(y)
y /= 2
print(y)
print(x._version, y._version)
