"""Generates the benchmark workload: a MemLens script of N statements mixing creation,
in-place writes, views, out-of-place arithmetic, indexing and `del`, on tensors of 16 to 4,096
elements, with many alive at once. Deterministic for a given N."""
import random
import sys

SIZES = [16, 64, 256, 1024, 4096]
LIVE = 64  # names in rotation, so many tensors are alive at once


def generate(count, seed=0):
    rng = random.Random(seed)
    lines = ["import torch"]
    alive = set()
    while len(lines) < count + 1:
        slot = rng.randrange(LIVE)
        name = f"t{slot}"
        if name not in alive:
            size = rng.choice(SIZES)
            lines.append(f"{name} = torch.ones({size})")
            alive.add(name)
            continue
        choice = rng.randrange(7)
        if choice == 0:
            lines.append(f"{name}.add_(1)")
        elif choice == 1:
            lines.append(f"v{slot} = {name}[1:]")
        elif choice == 2:
            lines.append(f"{name} = {name} * 2")
        elif choice == 3:
            lines.append(f"{name}[0] = 3")
        elif choice == 4:
            lines.append(f"s{slot} = {name}.sum()")
        elif choice == 5:
            lines.append(f"{name} += 1")
        else:
            lines.append(f"del {name}")
            alive.discard(name)
            lines.append(f"v{slot} = None")
    return "\n".join(lines[: count + 1]) + "\n"


def many_alive(alive, count):
    """`alive` small tensors bound first, then `count` in-place writes to 64 of them: what a
    statement costs as more names stay alive that it does not touch."""
    lines = ["import torch"] + [f"a{i} = torch.ones(16)" for i in range(alive)]
    lines += [f"a{i % 64}.add_(1)" for i in range(count)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1])))
