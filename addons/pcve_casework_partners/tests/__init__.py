from . import test_initiative
