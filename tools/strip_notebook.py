"""Git clean filter: a notebook as git should store it, without outputs or run metadata.

`make setup` registers it (`git config filter.notebook-outputs.clean ...`) for the notebooks
`.gitattributes` names, so running the explorer or a notebook never shows as a change.
"""

import json
import sys

RUN_METADATA = ("execution", "collapsed", "scrolled")


def strip(notebook: dict) -> dict:
    notebook["metadata"].pop("widgets", None)
    notebook["metadata"]["language_info"] = {"name": "python"}
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell.update(outputs=[], execution_count=None)
        for key in RUN_METADATA:
            cell["metadata"].pop(key, None)
    return notebook


if __name__ == "__main__":
    notebook = strip(json.load(sys.stdin))
    sys.stdout.write(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
