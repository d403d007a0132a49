import numpy as np
from xentdocs import cross_entropy, cross_entropy_loss_grad, entropy, softmax
from xentdocs.plotting import new_figure, to_svg, PALETTE


def descent_figure(title, desc, step_label, probability_label, nats_label, entropy_label):
    """Gradient descent on the logits of Q: Q(x) approaches P(x), H(P;Q) approaches H(P)."""
    P = np.array([0.7, 0.2, 0.1])
    z = np.array([-1.0, 0.5, 2.0])
    qs, hs = [], []
    for _ in range(41):
        Q = softmax(z)
        qs.append(Q)
        hs.append(float(cross_entropy(P, Q)))
        z = z - 1.0 * cross_entropy_loss_grad(z, P)
    qs = np.array(qs)
    steps = np.arange(len(qs))

    fig, (left, right) = new_figure(width=6.4, height=3.4, ncols=2)
    for i, colour in enumerate(PALETTE[:3]):
        left.plot(steps, qs[:, i], color=colour, label=f"Q(x{i + 1})")
        left.axhline(P[i], color=colour, linestyle=":", linewidth=1)
    left.set_xlabel(step_label)
    left.set_ylabel(probability_label)
    left.set_ylim(0, 1)
    left.legend(fontsize="small")

    right.plot(steps, hs, color=PALETTE[3], label="H(P;Q)")
    right.axhline(float(entropy(P)), color=PALETTE[4], linestyle=":", label=entropy_label)
    right.set_xlabel(step_label)
    right.set_ylabel(nats_label)
    right.set_ylim(0, None)
    right.legend(fontsize="small")
    return to_svg(fig, title=title, desc=desc)
