#> Conversions copy only when they must.
import torch

x = torch.arange(4)
print(x.dtype)

#> A real conversion (int64 -> float32) makes a new tensor.
f = x.float()
print(f, f.dtype)

#> Converting to the dtype it already has returns the same object: no copy.
same = f.float()
print(same is f)
also_same = f.to(torch.float32)
print(also_same is f)

#> Moving to the device it is already on is free too.
here = f.to("cpu")
print(here is f)

#> Mixed arithmetic promotes: int64 + float32 gives float32.
mixed = x + f
print(mixed.dtype)
