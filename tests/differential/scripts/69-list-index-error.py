import torch

lst = [torch.tensor(1), torch.tensor(2)]
print(lst[-1])
print(lst[1])
print(lst[3])
