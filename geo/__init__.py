"""The claims map: places and claims from war news, offline."""
__version__ = "0.1.0"
