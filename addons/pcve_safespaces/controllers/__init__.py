from . import feedback
from . import portal
