import torch

x = torch.zeros(6)
x[[0, 2]] = torch.tensor([5.0, 6.0])
print(x)
x[torch.tensor([1, 3])] = 1.5
print(x)
x[x > 2] += 10
print(x)
y = torch.zeros(3, 3)
y[[0, 1, 2], [2, 1, 0]] = torch.tensor([1.0, 2.0, 3.0])
print(y)
y[torch.tensor([True, False, True])] = -1
print(y)
y.index_put_((torch.tensor([1]), torch.tensor([1])), torch.tensor(8.0))
print(y)
print(x._version, y._version)
