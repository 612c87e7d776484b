"""selfassess: self-assessment of children's services against Ofsted's ILACS framework."""

__version__ = "0.1.0"
