import numpy as np

import xentdocs

bce = xentdocs.binary_cross_entropy_with_logits

# Three samples with two labels each (multi-label), one weight and one
# pos_weight per label; both broadcast over the rows.
z = np.array([[1.5, -0.3], [0.2, 2.0], [-1.0, 0.7]])
y = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
w = np.array([0.5, 3.0])
pw = np.array([4.0, 2.0])

per_element = bce(z, y, weight=w, pos_weight=pw, reduction="none")
total = per_element.sum()
weight_sum = np.broadcast_to(w, z.shape).sum()
print(f"elements = {per_element.size}, sum of weights = {weight_sum}")
print(f"reduction='mean'       = {bce(z, y, weight=w, pos_weight=pw):.6f}")
print(f"sum / elements         = {total / per_element.size:.6f}")
print(f"sum / sum of weights   = {total / weight_sum:.6f}")

# pos_weight = k against k copies of each positive sample
k = 3.0
z1 = np.array([0.3, -1.2, 2.0, 0.5])
y1 = np.array([1.0, 0.0, 1.0, 0.0])
pos = y1 == 1
z_copies = np.concatenate([z1[~pos]] + [z1[pos]] * int(k))
y_copies = np.concatenate([y1[~pos]] + [y1[pos]] * int(k))
print(f"\nsum:  pos_weight = {bce(z1, y1, pos_weight=np.array([k]), reduction='sum'):.6f}"
      f"   copies = {bce(z_copies, y_copies, reduction='sum'):.6f}")
print(f"mean: pos_weight = {bce(z1, y1, pos_weight=np.array([k])):.6f}"
      f"   copies = {bce(z_copies, y_copies):.6f}"
      f"   ({len(y1)} elements against {len(y_copies)})")
