"""Qt widgets. Nothing here imports torch or transformers."""
