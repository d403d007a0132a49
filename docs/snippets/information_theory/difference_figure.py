import numpy as np
from xentdocs import cross_entropy, entropy, kl_divergence
from xentdocs.plotting import new_figure, to_svg, PALETTE


def difference_figure(title, desc, outcome_label, probability_label, nats_label,
                      entropy_label, kl_label):
    """P against three candidate Qs, and each H(P;Q) split into H(P) + KL(P||Q)."""
    P = np.array([0.7, 0.2, 0.1])
    candidates = {
        "Q1": np.array([0.6, 0.25, 0.15]),
        "Q2": np.array([0.4, 0.3, 0.3]),
        "Q3": np.array([0.1, 0.2, 0.7]),
    }
    fig, axes = new_figure(width=6.4, height=5.2, nrows=2, ncols=2)
    x = np.arange(len(P))
    for ax, (name, Q) in zip(axes.flat, candidates.items()):
        ax.bar(x - 0.2, P, width=0.4, color=PALETTE[0], label="P")
        ax.bar(x + 0.2, Q, width=0.4, color=PALETTE[1], label=name)
        ax.set_title(f"H(P;{name}) = {float(cross_entropy(P, Q)):.3f}")
        ax.set_xticks(x, [f"x{i + 1}" for i in x])
        ax.set_ylim(0, 1)
        ax.set_xlabel(outcome_label)
        ax.set_ylabel(probability_label)
        ax.legend(loc="upper center", ncols=2, fontsize="small")

    ax = axes.flat[3]
    names = list(candidates)
    h_p = np.full(len(names), float(entropy(P)))
    kls = np.array([float(kl_divergence(P, candidates[n])) for n in names])
    ax.bar(names, h_p, color=PALETTE[0], label=entropy_label)
    ax.bar(names, kls, bottom=h_p, color=PALETTE[2], label=kl_label)
    ax.set_ylabel(nats_label)
    ax.set_title("H(P;Q) = H(P) + KL(P‖Q)")
    ax.legend(loc="upper left", fontsize="small")
    return to_svg(fig, title=title, desc=desc)
