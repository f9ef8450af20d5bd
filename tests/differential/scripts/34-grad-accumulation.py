import torch

w = torch.tensor(2.0, requires_grad=True)
for i in range(3):
    loss = w * w * (i + 1)
    loss.backward()
    print(i, w.grad)
w.grad.zero_()
print(w.grad)
(w * 5).backward()
print(w.grad)
print(w.grad.requires_grad)
