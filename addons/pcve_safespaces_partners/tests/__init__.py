from . import test_trained_moderator
