import torch

a = torch.arange(4.0)
alias = a
a += 1
print(alias)
print(a.data_ptr() == alias.data_ptr())
a = a * 2
print(alias)
print(a)
print(a.data_ptr() == alias.data_ptr())
n = 5
m = n
n += 1
print(n, m)
lst = [1, 2]
lst2 = lst
lst += [3]
print(lst, lst2)
