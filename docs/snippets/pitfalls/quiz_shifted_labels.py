import textwrap

import numpy as np

import xentdocs as xd

rng = np.random.default_rng(1)
C, batch = 10, 16
# Labels numbered 1..C, with the last class rare (0.2% of the data).
share = np.r_[np.full(C - 1, 0.998 / (C - 1)), 0.002]
labels = rng.choice(np.arange(1, C + 1), size=4000, p=share)
z = np.zeros((batch, C))             # logits; their values do not matter

used = np.zeros(C, dtype=int)
for start in range(0, len(labels), batch):
    target = labels[start:start + batch]
    try:
        xd.cross_entropy_loss(z, target)
    except ValueError as err:
        print(f"batch {start // batch}: ValueError:")
        print(textwrap.fill(str(err), 72, initial_indent="  ",
                            subsequent_indent="  "))
        break
    np.add.at(used, target, 1)
print(f"batches that ran without an error: {start // batch}")
print("how often each output index was the target:")
print(" ", used.tolist())
