from django.db import models

from twinning.validators import validate_image


class PublicImageField(models.ImageField):
    """An image staff upload for the public site: checked by Pillow on upload.

    Every app's public images use this field, so the rules for uploads (size,
    pixel count, format) live in one place.
    """

    def __init__(self, *args, **kwargs):
        validators = list(kwargs.pop("validators", ()))
        if validate_image not in validators:
            validators.append(validate_image)
        kwargs["validators"] = validators
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs
