// Loaded on every page (mkdocs.yml, extra_javascript). Only a page with a playground fetches the
// widget and its math, so the other pages pay for these few lines and nothing else.
if (document.querySelector(".xent-playground")) {
  import("./playground_widget.js").catch((err) => console.error("xent-playground:", err));
}
