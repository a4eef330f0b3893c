from . import controllers
from . import models
from .hooks import post_init_hook, pre_init_hook
