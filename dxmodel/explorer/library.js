// Loads vega-embed, vega-lite and vega once per page (the `source` the kernel sends, built by
// vl-convert: nothing from the network) and shares them with every chart through `slot`.
const slot = (globalThis.__dxmodelVega ??= (() => {
  const s = { started: false };
  s.ready = new Promise((resolve, reject) => { s.resolve = resolve; s.reject = reject; });
  return s;
})());

export default {
  initialize({ model }) {
    if (slot.started) return;
    slot.started = true;
    // Out of the model's own start-up, so it is ready at once whatever the import costs.
    setTimeout(() => {
      const source = model.get("source");
      const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      import(url)
        .then(() => slot.resolve(globalThis.__dxmodelVegaLib), (error) => slot.reject(error))
        .finally(() => URL.revokeObjectURL(url));
    }, 0);
  },
  render({ el }) {
    el.style.display = "none";
  },
};
