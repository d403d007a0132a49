import numpy as np
from xentdocs import cross_entropy, information_content
from xentdocs.plotting import new_figure, to_svg, PALETTE


def nonnegative_figure(title, desc, q_label, surprisal_label, value_label, count_label):
    """Left: log 1/Q(x) >= 0 on (0, 1]. Right: H(P;Q) over 10,000 random pairs, all >= 0."""
    fig, (left, right) = new_figure(width=6.4, height=3.2, ncols=2)
    q = np.linspace(0.02, 1.0, 300)
    left.plot(q, information_content(q), color=PALETTE[0])
    left.fill_between(q, information_content(q), color=PALETTE[0], alpha=0.2)
    left.axhline(0, color=PALETTE[3], linewidth=1)
    left.set_xlabel(q_label)
    left.set_ylabel(surprisal_label)
    left.set_xlim(0, 1.02)

    rng = np.random.default_rng(1)
    P = rng.dirichlet(np.full(4, 0.3), size=10_000)
    Q = rng.dirichlet(np.full(4, 0.3), size=10_000)
    # The long right tail is folded into the last bin so that the region near 0 stays readable.
    right.hist(np.minimum(cross_entropy(P, Q), 12.0), bins=48, range=(0, 12), color=PALETTE[1])
    right.axvline(0, color=PALETTE[3], linewidth=1)
    right.set_xlabel(value_label)
    right.set_ylabel(count_label)
    return to_svg(fig, title=title, desc=desc)
