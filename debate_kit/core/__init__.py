"""The pure core: plain functions over plain data.

Nothing here imports Jupyter, traitlets, a database driver, reads the environment, the clock or the
global random generator. ``tests/test_core_is_pure.py`` enforces it.
"""
