import numpy as np
import xentdocs as xd
from xentdocs.plotting import new_figure, to_svg, PALETTE


def _text_on(fill):
    """Black or white, whichever contrasts more with the bar (WCAG relative luminance)."""
    from matplotlib.colors import to_rgb

    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(fill)]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "black" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "white"

def weight_figure(title, desc, left_title, right_title, plain_label, weighted_label, row_label,
                  unweighted_mean_label, torch_mean_label, wrong_mean_label, max_loss_label):
    """Left: what each sample adds to the denominator of 'mean'. Right: the resulting means."""
    z = np.array([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3], [1.2, 0.2, 3.0], [0.0, 1.5, -1.0]])
    y = np.array([0, 2, 1, 1])
    w = np.array([1.0, 4.0, 1.0])
    weighted_sum = float(xd.cross_entropy_loss(z, y, weight=w, reduction="sum"))
    means = [
        (unweighted_mean_label, float(xd.cross_entropy_loss(z, y))),
        (torch_mean_label, float(xd.cross_entropy_loss(z, y, weight=w))),
        (wrong_mean_label, weighted_sum / len(y)),
    ]

    fig, (left, right) = new_figure(width=7.6, height=3.4, ncols=2, gridspec_kw={"width_ratios": [1, 1.25]})

    # Stacked columns: one segment per sample, as tall as what it adds to the denominator.
    for column, shares in enumerate((np.ones(len(y)), w[y])):
        bottom = 0.0
        for i, share in enumerate(shares):
            left.bar(column, share, bottom=bottom, width=0.62, color=PALETTE[i], edgecolor="white", linewidth=1.5)
            left.text(column, bottom + share / 2, f"{row_label} {i}: {share:g}", ha="center", va="center",
                      color=_text_on(PALETTE[i]), fontsize=8)
            bottom += share
        left.text(column, bottom + 0.25, f"{bottom:g}", ha="center", va="bottom", fontsize=11)
    left.set_xticks([0, 1], [plain_label, weighted_label])
    left.set_ylim(0, w[y].sum() * 1.18)
    left.set_xlim(-0.55, 1.55)
    left.set_title(left_title)
    left.grid(False, axis="x")

    labels = [label for label, _ in means]
    values = [value for _, value in means]
    colours = [PALETTE[7], PALETTE[0], PALETTE[3]]
    bars = right.barh(range(len(means))[::-1], values, height=0.6, color=colours)
    for bar, value in zip(bars, values):
        right.text(bar.get_width() + 0.08, bar.get_y() + bar.get_height() / 2, f"{value:.4f}",
                   va="center", fontsize=9)
    # Every average of the per-row losses lies below the largest of them; Σ w·ℓ / N does not.
    largest = float(xd.cross_entropy_loss(z, y, reduction="none").max())
    right.axvline(largest, color=PALETTE[7], linestyle="--", linewidth=1.2)
    right.text(largest + 0.08, len(means) - 0.45, f"{max_loss_label} {largest:.4f}", ha="left", va="bottom", fontsize=8)
    right.set_ylim(-0.5, len(means) + 0.1)
    right.set_yticks(range(len(means))[::-1], labels)
    right.set_xlim(0, max(values) * 1.35)
    right.set_title(right_title)
    right.grid(False, axis="y")
    # The text may name the two denominators as {n} and {total}; fill them from the data.
    numbers = dict(n=len(y), total=f"{w[y].sum():g}")
    return to_svg(fig, title=title.format(**numbers), desc=desc.format(**numbers))
