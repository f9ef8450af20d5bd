import torch

x = torch.arange(12)
r = x.reshape(3, 4)
print(r.data_ptr() == x.data_ptr())
r[0, 0] = -1
print(x[0])
t = r.t()
r2 = t.reshape(12)
print(r2.data_ptr() == x.data_ptr())
r2[0] = 500
print(x[0], r2[0])
r3 = t.reshape(4, 3)
print(r3.is_contiguous(), r3.data_ptr() == x.data_ptr())
s = r[:, :2]
r4 = s.reshape(6)
print(r4)
r5 = x.reshape(-1, 6)
print(r5.shape)
