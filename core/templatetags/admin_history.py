from django import template

from core import history

register = template.Library()


@register.filter
def change_message(entry):
    """A `LogEntry`'s message with its fields named in the active language."""
    return history.change_message(entry)
