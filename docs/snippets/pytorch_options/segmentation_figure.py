import numpy as np
import xentdocs as xd
from matplotlib.colors import ListedColormap
from xentdocs.plotting import new_figure, to_svg, PALETTE


def segmentation_figure(title, desc, target_title, prediction_title, loss_title):
    """A (1, 3, 10, 10) 'image': per-pixel targets with an ignored band, predictions, loss map."""
    C, H, W, ignore = 3, 10, 10, 255
    rows, cols = np.mgrid[0:H, 0:W]
    truth = np.zeros((H, W), dtype=np.int64)                      # class 0: background
    truth[(rows - 5.5) ** 2 + (cols - 3.0) ** 2 <= 7.5] = 1       # class 1: a disc
    truth[(rows >= 4) & (cols >= 7)] = 2                          # class 2: a block
    rng = np.random.default_rng(7)
    z = 2.5 * np.moveaxis(np.eye(C)[truth], -1, 0) + rng.normal(0.0, 1.0, (C, H, W))
    z = z[None]                                                   # (N, C, H, W) with N = 1
    y = truth[None].copy()
    y[:, :2, :] = ignore                                          # two unlabelled rows

    loss = xd.cross_entropy_loss(z, y, ignore_index=ignore, reduction="none")[0]   # (H, W)
    prediction = z[0].argmax(axis=0)
    ignored = y[0] == ignore

    classes = ListedColormap(list(PALETTE[:C]))
    fig, axes = new_figure(width=7.6, height=2.9, ncols=3)
    panels = (
        (np.ma.masked_where(ignored, y[0]), target_title, dict(cmap=classes, vmin=-0.5, vmax=C - 0.5)),
        (prediction, prediction_title, dict(cmap=classes, vmin=-0.5, vmax=C - 0.5)),
        (np.ma.masked_where(ignored, loss), loss_title, dict(cmap="viridis", vmin=0.0)),
    )
    for ax, (image, panel_title, style) in zip(axes, panels):
        shown = ax.imshow(image, interpolation="nearest", **style)
        ax.set_title(panel_title)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        for side in ("top", "right"):
            ax.spines[side].set_visible(True)
        if ax is not axes[1]:
            ax.text(W / 2 - 0.5, 0.5, f"{ignore}", ha="center", va="center", fontsize=9)
    fig.colorbar(shown, ax=axes[2], shrink=0.85)
    fig.colorbar(axes[0].images[0], ax=axes[:2], location="bottom", shrink=0.5, ticks=range(C), aspect=30)
    # The text may name the setting as {C}, {H}, {W} and {ignore}; fill them from the data.
    numbers = dict(C=C, H=H, W=W, ignore=ignore)
    return to_svg(fig, title=title.format(**numbers), desc=desc.format(**numbers))
