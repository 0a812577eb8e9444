"""The ``safetask`` command: argument parsing and printing over ``nlp`` library functions."""
