import numpy as np
import xentdocs as xd

train = encode(TRAIN)
counts = np.zeros((V, V))
np.add.at(counts, (train[:-1], train[1:]), 1)
x, y = train[:-1], train[1:]

# Three sets of logits with the same softmax, so the same cross entropy:
# log-counts, log-probabilities (log Z = 0), and log-probabilities shifted up by 5.
log_counts = np.log(counts + 0.01)
log_probs = log_counts - xd.logsumexp(log_counts, axis=1)[:, None]
print("logits            cross entropy   mean log Z   z-loss 1e-4 * mean(log^2 Z)")
for name, table in (("log-counts", log_counts), ("log-probs", log_probs), ("log-probs + 5", log_probs + 5)):
    z = table[x]
    log_z = xd.logsumexp(z, axis=1)                   # log Z per token
    ce = xd.cross_entropy_loss(z, y)
    print(f"{name:<16}  {ce:>13.6f}  {log_z.mean():>11.4f}  {1e-4 * np.mean(log_z**2):>12.6f}")

# Why cross entropy alone cannot pin log Z: every row of its gradient sums to 0
# (softmax - one-hot), so a step never moves all logits together. The z-loss gradient,
# 2e-4 * log Z * softmax(z), sums to 2e-4 * log Z in each row: it pulls log Z toward 0.
z = log_counts[x]
log_z = xd.logsumexp(z, axis=1)
ce_grad = xd.cross_entropy_loss_grad(z, y, reduction="sum")
z_grad = 2e-4 * log_z[:, None] * xd.softmax(z, axis=1)
print(f"\nrow sums of the cross entropy gradient: largest |.| = {np.abs(ce_grad.sum(axis=1)).max():.1e}")
print(f"row sums of the z-loss gradient / (2e-4 log Z) = {np.mean(z_grad.sum(axis=1) / (2e-4 * log_z)):.6f}")
