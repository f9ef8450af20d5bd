import torch

print(torch.tensor([1, -2, 3], dtype=torch.int8))
print(torch.tensor([1, -2, 300], dtype=torch.int16))
print(torch.tensor([1, -2, 3], dtype=torch.int32))
print(torch.tensor([1, -2, 3]))
print(torch.tensor([0, 128, 255], dtype=torch.uint8))
print(torch.tensor([True, False]))
print(torch.tensor(True))
print(torch.tensor(7, dtype=torch.int16))
print(torch.tensor([-1000000, 5]))
print(torch.tensor([[1, 2], [30, 4]], dtype=torch.int32))
print(torch.tensor([[True, False], [False, True]]))
print(torch.tensor([300]).to(torch.uint8))
