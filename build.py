"""Entry point: ``uv run build.py 2020`` (or ``python build.py 2020``). The work lives in ``lkjip``."""

from lkjip.cli import main

if __name__ == "__main__":
    main(prog_name="build.py")
