from . import pcve_input_mixin
from . import pcve_thread_mixin
from . import mail_followers
from . import mail_template
from . import pcve_language_rule
from . import pcve_community
from . import res_users
