import torch

x = torch.arange(10) * 10
a = x[[1, 3, 5]]
print(a)
print(a.data_ptr() == x.data_ptr())
i = torch.tensor([0, 9, 9])
b = x[i]
print(b)
m = x > 50
c = x[m]
print(c)
a[0] = -1
print(x[1])
y = torch.arange(12).reshape(3, 4)
print(y[[0, 2]])
print(y[[0, 2], [1, 3]])
print(y[:, [0, 0, 3]])
print(y[y % 2 == 0])
print(y[torch.tensor([True, False, True])])
