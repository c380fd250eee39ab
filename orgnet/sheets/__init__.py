"""The department's spreadsheets, in and out (issue 23): templates, a parser that points at the
cell, a dry run, a commit through the bundle import, and exports in the same shape.

- :mod:`orgnet.sheets.sections`: which sheet holds which bundle section, and its columns;
- :mod:`orgnet.sheets.templates`: the workbooks a planner fills (and the exports, filled);
- :mod:`orgnet.sheets.reader`: ``.xlsx`` / ``.csv`` into typed rows, every problem at its cell;
- :mod:`orgnet.sheets.plan`: the dry run (added / changed / unchanged / refused) and the commit.
"""
