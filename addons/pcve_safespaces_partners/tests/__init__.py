from . import test_trained_moderator
from . import test_crisis_network
