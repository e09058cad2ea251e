from . import test_catalog_item
from . import test_import
from . import test_pattern
from . import test_portal
from . import test_security
from . import test_locale
from . import test_portal_look
from . import test_pattern_questions
