// A Vega-Lite chart the kernel redraws by setting `spec`: only moved datasets are patched in.
// The vega code comes from the page's one VegaLibrary widget (library.js), through `slot`.
const slot = (globalThis.__dxmodelVega ??= (() => {
  const s = { started: false };
  s.ready = new Promise((resolve, reject) => { s.resolve = resolve; s.reject = reject; });
  return s;
})());
const redraws = (globalThis.__dxmodelRedraws ??= []);  // browser-side redraw times (ms)

function shape(spec) {  // everything but the data: equal shapes can swap data in place
  const { datasets, ...rest } = spec;
  return JSON.stringify(rest);
}

function render({ model, el }) {
  el.classList.add("dx-chart");
  el.dataset.chart = model.get("name");
  let view = null, finalize = null, drawn = null, shown = {};
  let busy = false, again = false, alive = true;

  async function redraw() {
    if (busy) { again = true; return; }  // latest wins: one redraw at a time
    busy = true;
    try {
      do {
        again = false;
        const start = performance.now();
        const { vegaEmbed } = await slot.ready;
        const spec = model.get("spec");
        if (!alive) return;
        if (!spec || !Object.keys(spec).length) continue;
        const key = shape(spec), data = spec.datasets ?? {};
        let kind = "data";
        if (view && key === drawn) {
          try {
            let moved = 0;
            for (const [name, rows] of Object.entries(data)) {
              const text = JSON.stringify(rows);
              if (shown[name] === text) continue;
              view.change(name, view.changeset().remove(() => true).insert(structuredClone(rows)));
              shown[name] = text;
              moved += 1;
            }
            if (moved) await view.runAsync();
          } catch (error) {  // a dataset the drawn chart lacks: embed it again
            console.warn("dxmodel chart: redrawing in full:", error.message);
            drawn = null;
          }
        }
        if (!view || key !== drawn) {
          kind = "embed";
          if (finalize) finalize();
          const options = { ...(model.get("embed_options") ?? {}) };
          const result = await vegaEmbed(el, structuredClone(spec), options);
          view = result.view; finalize = result.finalize; drawn = key;
          shown = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, JSON.stringify(v)]));
        }
        const ms = performance.now() - start;
        redraws.push({ chart: model.get("name"), kind, ms, at: performance.now() });
        if (redraws.length > 1000) redraws.splice(0, redraws.length - 1000);
        el.dataset.redraws = String(Number(el.dataset.redraws ?? 0) + 1);
      } while (again && alive);
    } catch (error) {
      view = null; drawn = null;
      el.textContent = "Chart error: " + error.message;
    } finally {
      busy = false;
    }
  }

  const restart = () => { drawn = null; redraw(); };
  model.on("change:spec", redraw);
  model.on("change:embed_options", restart);
  redraw();
  return () => {
    alive = false;
    model.off("change:spec", redraw);
    model.off("change:embed_options", restart);
    if (finalize) finalize();
  };
}

export default { render };
