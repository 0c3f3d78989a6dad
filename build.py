"""Entry point: ``uv run build.py 2020`` (or ``python build.py 2020``). The work lives in ``lkjip``."""

from lkjip.cli import main
from lkjip.cli_messages import run

if __name__ == "__main__":
    run(main, prog_name="build.py")
