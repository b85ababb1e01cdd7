"""Import every table module once, so Base.metadata knows the whole schema (create_all, key rotation)."""

from __future__ import annotations

from easyreport.accounts import models as accounts_models
from easyreport.accounts import second_factor_models
from easyreport.audit import storage as audit_storage
from easyreport.briefing import inputs_version
from easyreport.briefing import models as briefing_models
from easyreport.db_base import Base
from easyreport.evaluation import models as evaluation_models
from easyreport.feedback import models as feedback_models
from easyreport.preparation import models as preparation_models
from easyreport.security import row_binding
from easyreport.security.encrypted_types import bind_encrypted_columns
from easyreport.sharing import models as sharing_models

bind_encrypted_columns(Base.metadata)
inputs_version.attach(Base.metadata.tables)
row_binding.install()

__all__ = [
    "Base",
    "accounts_models",
    "audit_storage",
    "briefing_models",
    "evaluation_models",
    "feedback_models",
    "preparation_models",
    "second_factor_models",
    "sharing_models",
]
