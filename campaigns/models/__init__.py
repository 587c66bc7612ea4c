from campaigns.models.campaign import Campaign, Movement
from campaigns.models.commemorations import Commemoration, CommemorationActivity

__all__ = ["Campaign", "Commemoration", "CommemorationActivity", "Movement"]
