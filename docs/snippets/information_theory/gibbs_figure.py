import numpy as np
from xentdocs import cross_entropy, entropy
from xentdocs.plotting import new_figure, to_svg, PALETTE


def gibbs_figure(title, desc, xlabel, ylabel, minimum_label):
    """H(P;Q) against q for three coins P; each curve bottoms out at q = p, at height H(P)."""
    q = np.linspace(0.01, 0.99, 393)
    Q = np.stack([q, 1 - q], axis=-1)
    fig, ax = new_figure(width=6.4, height=3.8)
    for colour, p in zip(PALETTE, (0.2, 0.5, 0.8)):
        P = np.array([p, 1 - p])
        ax.plot(q, cross_entropy(P, Q), color=colour, label=f"P = [{p}, {1 - p:.1f}]")
        ax.axhline(float(entropy(P)), color=colour, linestyle=":", linewidth=1)
        ax.plot([p], [float(entropy(P))], "o", color=colour)
    ax.plot([], [], "o", color=PALETTE[7], label=minimum_label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, 2.5)
    ax.legend(loc="upper center", fontsize="small")
    return to_svg(fig, title=title, desc=desc)
