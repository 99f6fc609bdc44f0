"""Admin widgets giving every input a label, where Django's own leave them without one."""

from django.contrib.admin.widgets import AdminSplitDateTime


class LabelledSplitDateTime(AdminSplitDateTime):
    """Django's split date and time inputs, with "Date:" and "Time:" as their <label>s. The
    template is in editorial/templates/ because Django's form renderer reads widget templates
    from app directories."""

    template_name = "editorial/widgets/split_datetime.html"

    class Media:
        css = {"all": ["css/admin-datetime.css"]}
