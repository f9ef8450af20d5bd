import torch

x = torch.arange(6).reshape(2, 3)
c = x.contiguous()
print(c is x)
t = x.t()
print(t.is_contiguous())
tc = t.contiguous()
print(tc is t, tc.is_contiguous())
print(tc.data_ptr() == x.data_ptr())
print(tc.stride(), t.stride())
tc[0, 0] = 99
print(x)
s = x[:, ::2]
print(s.is_contiguous(), s.contiguous().stride())
e = torch.zeros(3, 1).expand(3, 4)
print(e.is_contiguous())
