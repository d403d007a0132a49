X, y, X_ho, y_ho, images = load_split()
print("train:", X.shape, " held-out:", X_ho.shape)
W, b, history = train_softmax_regression(X, y, X_ho, y_ho)

print(f"{'epoch':>5} {'train loss':>11} {'held-out loss':>14}")
for e in [0, 1, 2, 5, 10, 20, 50, 100]:
    train, heldout = history["train_loss"][e], history["heldout_loss"][e]
    print(f"{e:5d} {train:11.4f} {heldout:14.4f}")
print(f"accuracy: train {history['train_accuracy']:.1%},",
      f"held-out {history['heldout_accuracy']:.1%}")

i = interesting_digit(history, y_ho)
print(f"chosen: first held-out digit misread for >= {MIN_WRONG_EPOCHS} epochs,",
      f"right with P(label) >= {MIN_FINAL_PROBA} at the end")
proba = history["heldout_proba"][:, i]
settled = settling_epoch(proba, y_ho[i])
print(f"held-out digit #{i}, label {y_ho[i]},",
      f"classified correctly from epoch {settled} on:")
for e in [0, 1, settled // 2, settled, 100]:
    guess = "a tie" if e == 0 else proba[e].argmax()  # W = 0: a tie
    print(f"  epoch {e:3d}: predicted {guess},",
          f"P(label) = {proba[e, y_ho[i]]:.3f}")
