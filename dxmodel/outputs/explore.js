// The Explore part of a report: every slider steps through values the models were run at; a
// move looks up that grid point and swaps its family's cards, chart bands and file lines.
// Nothing is computed here and nothing is fetched (see dxmodel/outputs/explore.py).
(() => {
  const root = document.currentScript.closest(".dx-explore");
  const data = JSON.parse(root.querySelector("script.dx-x-data").textContent);
  const timings = (window.__dxExplore ??= { redraws: [], settled: Promise.resolve() });
  const views = {};  // chart id -> vega view, once embedded
  const inputs = {};  // lever name -> its range input
  for (const input of root.querySelectorAll("input[type=range]")) inputs[input.name] = input;

  function position(lever) {  // the slider's index on the lever's grid
    const k = Math.round((Number(inputs[lever.name].value) - lever.values[0]) / lever.step);
    return Math.min(Math.max(k, 0), lever.values.length - 1);
  }

  function pointOf(family) {  // itertools.product order: the last lever varies fastest
    let point = 0;
    for (const lever of family.levers) point = point * lever.values.length + position(lever);
    return point;
  }

  function fanRows(chart, family, point) {
    const fan = family.fans[chart.fan];
    const bands = fan.values[point];
    return chart.template.map((row) => {
      const at = fan.years.indexOf(row.year);
      if (row.anchor || at < 0) return { ...row };
      const out = { ...row };
      data.quantiles.forEach((name, q) => { out[name] = bands[q][at]; });
      return out;
    });
  }

  function yamlText() {
    const lines = data.yaml.lines.map((line) => {
      for (const family of Object.values(data.families)) {
        const lever = family.levers.find((l) => l.name === line);
        if (lever) return lever.yaml[position(lever)];
      }
      return line;
    });
    return data.yaml.head + lines.join("\n") + "\n";
  }

  function redraw(name) {  // one family's sliders moved: its labels, cards, charts; the file
    const start = performance.now();
    const family = data.families[name];
    const point = pointOf(family);
    for (const lever of family.levers) {
      const input = inputs[lever.name], text = lever.texts[position(lever)];
      input.setAttribute("aria-valuetext", text);
      root.querySelector(`output[for="${input.id}"]`).textContent = text;
    }
    family.targets.forEach((target, j) => {
      const [p, median, colour] = family.cards[point][j];
      const card = root.querySelector(`[data-card="${target}"]`);
      const shown = card.querySelector(`[data-target="${target}"]`);
      shown.textContent = p;
      shown.style.color = colour;
      card.style.borderLeftColor = colour;
      card.querySelector(".dx-card-m").textContent = median;
    });
    root.querySelector("[data-scenario-yaml] code").textContent = yamlText();
    const runs = [];
    for (const chart of family.charts) {
      const view = views[chart.id];
      if (!view) continue;  // still embedding: it is drawn at this point once ready
      const rows = fanRows(chart, family, point);
      view.change("fan", view.changeset().remove(() => true).insert(rows));
      runs.push(view.runAsync());
    }
    timings.settled = Promise.all(runs).then(() => {
      timings.redraws.push({ family: name, ms: performance.now() - start });
      root.dataset.redraws = String(Number(root.dataset.redraws ?? 0) + 1);
    });
    return timings.settled;
  }

  for (const input of Object.values(inputs)) {
    input.addEventListener("input", () => redraw(input.dataset.family));
  }
  root.querySelector(".dx-x-reset").addEventListener("click", () => {
    for (const [name, family] of Object.entries(data.families)) {
      for (const lever of family.levers) inputs[lever.name].value = String(lever.own);
      redraw(name);
    }
  });

  const said = root.querySelector(".dx-x-said");
  root.querySelector(".dx-x-copy").addEventListener("click", async () => {
    const pre = root.querySelector("[data-scenario-yaml]");
    try {
      await navigator.clipboard.writeText(pre.textContent);
      said.textContent = data.words.copied;
    } catch {  // no clipboard for this page (some browsers on file://): select it instead
      const range = document.createRange();
      range.selectNodeContents(pre);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      said.textContent = document.execCommand("copy") ? data.words.copied : data.words.copy_failed;
    }
  });

  root.querySelector(".dx-x-download").addEventListener("click", (event) => {
    const text = root.querySelector("[data-scenario-yaml]").textContent;
    const link = event.currentTarget;
    if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([text], { type: "text/yaml" }));
  });

  const embeds = [];
  for (const [name, family] of Object.entries(data.families)) {
    for (const chart of family.charts) {
      // a copy vega never sees: it tags the rows it ingests, and a row carrying an old tag
      // would be taken for the row it was copied from
      chart.template = structuredClone(chart.spec.datasets.fan);
      const el = root.querySelector(`#${chart.id}`);
      embeds.push(
        vegaEmbed(el, chart.spec, { actions: false })
          .then((result) => { views[chart.id] = result.view; })
          .catch((error) => { el.textContent = String(error); }),
      );
    }
  }
  // sliders moved while the charts were embedding: draw where they are now
  timings.ready = Promise.all(embeds).then(() => Promise.all(Object.keys(data.families).map(redraw)));
})();
