"""The year's inputs: find the tables of ``data/<tahun>/``, read and validate every cell, and
hand them on typed (see :mod:`lkjip.inputs.dataset` for the shapes).

- :mod:`.schema`    one schema per table;
- :mod:`.notation`  Indonesian notation -> typed values (``Value``, numbers, dates);
- :mod:`.read`      finding tables (CSV files, sheets of workbooks) and reading raw cells;
- :mod:`.validate`  typing and every validation, fill-down;
- :mod:`.messages`  the Indonesian message texts;
- :mod:`.dataset`   ``Table``, ``Dataset``, ``load_dataset``.
"""

from .dataset import Dataset, Table, load_dataset

__all__ = ["Dataset", "Table", "load_dataset"]
