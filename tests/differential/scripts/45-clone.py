import torch

x = torch.arange(6.0).reshape(2, 3)
c = x.clone()
print(c)
print(c.data_ptr() == x.data_ptr())
c[0, 0] = 50
print(x[0, 0])
t = x.t()
ct = t.clone()
print(ct.stride(), ct.is_contiguous())
cc = t.clone(memory_format=torch.contiguous_format)
print(cc.stride())
g = torch.ones(2, requires_grad=True)
gc = g.clone()
print(gc)
print(gc.is_leaf, gc.requires_grad)
