"""`python -m dxmodel.cli`: the same command as `dxmodel`."""

import sys

from dxmodel.cli.main import main

sys.exit(main())
