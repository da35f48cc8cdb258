from django import template

from portal.markdown import render_markdown

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **changes):
    """The current query string with ``changes`` applied (a value of None removes a key)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag
def elided_page_range(page_obj, on_each_side=2, on_ends=1):
    """Page numbers around the current page with ellipses, never every page of a long list."""
    return page_obj.paginator.get_elided_page_range(
        page_obj.number, on_each_side=on_each_side, on_ends=on_ends
    )


@register.filter(name="markdown")
def markdown_filter(text):
    """Editorial Markdown rendered and sanitised (see ``portal.markdown``)."""
    return render_markdown(text)


@register.filter
def any_example(objects) -> bool:
    """Whether a list holds made-up content (``is_example``), so that it explains the label
    once; items may also be (object, …) pairs, as the matcher's results are."""
    for item in objects or ():
        if isinstance(item, tuple):
            item = item[0]
        if getattr(item, "is_example", False):
            return True
    return False
