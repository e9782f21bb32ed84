"""Forms of the inside zone. They only read the request; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from airlock.outputs.services import MAX_COMMENT_LENGTH


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for research services"),
        required=False,
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TransferForm(forms.Form):
    """The declaration checkbox. The file ids are read with ``services.ids_from``."""

    approve = forms.BooleanField(required=False)
