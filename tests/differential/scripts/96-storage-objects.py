import torch

x = torch.tensor([1.5, 2.0, -3.0])
s = x.storage()
print(s)
print(s.size(), s.nbytes(), s.element_size())
v = x[1:]
print(v.storage().data_ptr() == x.storage().data_ptr(), v.storage_offset())
print(torch.tensor([True, False]).storage())
print(torch.tensor([7, 8]).storage())
print(torch.zeros(0).storage())
