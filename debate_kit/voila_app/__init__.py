"""Serving the notebooks with Voila: configuration, the kernel reaper and the ``serve`` command."""
