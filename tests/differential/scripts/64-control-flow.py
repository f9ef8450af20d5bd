import torch

total = torch.zeros(())
for i in range(5):
    if i == 3:
        continue
    total += i
print(total)
for v in [1, 2, 3, 4]:
    if v > 2:
        break
    print("v", v)
x = torch.tensor([3, -1, 0])
for e in x:
    if e > 0:
        print("pos", e)
    elif e < 0:
        print("neg", e)
    else:
        print("zero", e)
for a, b in zip([1, 2], [3, 4]):
    print(a * b)
for r in torch.arange(6).reshape(2, 3):
    print(r, r.storage_offset())
if x.sum() > 0:
    print("sum positive")
