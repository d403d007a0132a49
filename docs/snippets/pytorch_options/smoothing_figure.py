import numpy as np
import xentdocs as xd
from xentdocs.plotting import new_figure, to_svg, PALETTE


def smoothing_figure(title, desc, xlabel, ylabel, onehot_label, torch_label, other_label):
    """One-hot target, PyTorch's smoothed target and the ε/(C-1) reading, side by side."""
    C, eps, target = 4, 0.2, 1
    z = np.zeros((1, C))
    y = np.array([target])
    # The library's own smoothed target: grad of the summed loss = softmax(z) - p.
    p_torch = (xd.softmax(z, axis=1) - xd.cross_entropy_loss_grad(z, y, reduction="sum", label_smoothing=eps))[0]
    onehot = np.eye(C)[target]
    q_other = (1 - eps) * onehot + eps / (C - 1) * (1 - onehot)

    fig, ax = new_figure(width=6.4, height=3.4)
    classes = np.arange(C)
    width = 0.27
    series = (
        (-width, onehot, onehot_label, dict(fill=False, linewidth=1.2)),
        (0.0, p_torch, torch_label, dict(color=PALETTE[0])),
        (width, q_other, other_label, dict(color=PALETTE[1], hatch="//", edgecolor="white", linewidth=0)),
    )
    for offset, values, label, style in series:
        bars = ax.bar(classes + offset, values, width=width * 0.92, label=label, **style)
        for bar, value in zip(bars, values):
            ax.text(bar.get_x() + bar.get_width() / 2, value + 0.02, f"{value:.3g}", ha="center",
                    va="bottom", fontsize=7.5)
    ax.set_xticks(classes, [str(c) for c in classes])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, 1.22)
    ax.legend(loc="upper right", fontsize="small")
    ax.grid(False, axis="x")
    # The text may name the setting as {C}, {eps} and {target}; fill them from the data.
    numbers = dict(C=C, eps=f"{eps:g}", target=target)
    return to_svg(fig, title=title.format(**numbers), desc=desc.format(**numbers))
