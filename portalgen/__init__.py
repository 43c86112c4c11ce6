"""portalgen: static sites for the e-portals of Vietnamese state agencies."""

__version__ = "0.1.0"
