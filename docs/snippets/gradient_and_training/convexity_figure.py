import numpy as np

import xentdocs
from xentdocs.plotting import PALETTE, new_figure, to_svg


def convexity_figure(title, desc, xlabel, ylabel, direction_label, ones_label):
    """Loss of one example along straight lines z0 + t·d through logit space."""
    rng = np.random.default_rng(2)
    z0 = rng.normal(size=5)
    y = 2
    t = np.linspace(-4, 4, 161)
    directions = rng.normal(size=(3, 5))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    ones = np.ones(5) / np.sqrt(5)

    fig, ax = new_figure(width=6.4, height=3.6)
    for k, d in enumerate(directions):
        # every point of the line as one row of a batch, reduction="none"
        z = z0 + t[:, None] * d
        loss = xentdocs.cross_entropy_loss(z, np.full(len(t), y), reduction="none")
        ax.plot(t, loss, color=PALETTE[k], label=direction_label.format(k=k + 1))
    z = z0 + t[:, None] * ones
    loss = xentdocs.cross_entropy_loss(z, np.full(len(t), y), reduction="none")
    ax.plot(t, loss, color=PALETTE[3], linestyle="--", label=ones_label)
    ax.axvline(0, color=PALETTE[7], linewidth=0.8)  # the point z0
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper center", fontsize="small")
    return to_svg(fig, title=title, desc=desc)
