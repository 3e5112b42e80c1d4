"""The benchmark: `python -m bench` measures the app against a naive baseline and a floor."""
