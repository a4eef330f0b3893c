from . import test_initiative
from . import test_initiative_gate
from . import test_volunteer_briefing
