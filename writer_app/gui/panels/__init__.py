"""The writing panels in the right-hand dock: one module per panel."""
