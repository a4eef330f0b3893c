from . import test_browser
