import torch

print(bool(torch.tensor([1])))
print(bool(torch.tensor(0.0)))
x = torch.tensor([1, 0])
if x.any():
    print("any")
print(x.all())
if x:
    print("never")
