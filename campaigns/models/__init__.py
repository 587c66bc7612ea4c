from .campaign import Campaign, Movement
from .units import Unit

__all__ = ["Campaign", "Movement", "Unit"]
