from . import test_initiative
from . import test_initiative_gate
