from . import gd_backoffice
from . import gd_catalog_topic
from . import gd_catalog_event
from . import gd_catalog_pattern_question
from . import gd_catalog_pattern_option
from . import gd_catalog_pattern_component
from . import product_template
from . import res_partner
