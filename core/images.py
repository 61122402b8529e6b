"""Renditions of uploaded images: resized, in modern formats, made once.

`renditions(image)` returns, for an uploaded image, the widths to offer in
each format: AVIF and WebP when Pillow can write them, and JPEG (PNG for
images with transparency) for browsers that read neither. Files are made on
first use with Pillow, stored in the media storage next to each other under
`renditions/`, and never made again; the list of what exists is remembered
in the cache so a page does not even ask the storage.
"""

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, features

logger = logging.getLogger(__name__)

WIDTHS = (480, 960, 1440)
RENDITION_DIR = "renditions"
CACHE_SECONDS = 24 * 3600

# (Pillow format, extension, MIME type, save options), best first.
MODERN_FORMATS = [
    ("AVIF", "avif", "image/avif", {"quality": 60, "speed": 8}),
    ("WEBP", "webp", "image/webp", {"quality": 80, "method": 4}),
]
JPEG = (
    "JPEG",
    "jpg",
    "image/jpeg",
    {"quality": 82, "optimize": True, "progressive": True},
)
PNG = ("PNG", "png", "image/png", {"optimize": True})


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class RenditionSet:
    """Per MIME type, the renditions from narrowest to widest."""

    sources: list  # [(mime, [Rendition, ...])], modern formats first
    fallback: list  # [Rendition, ...] in JPEG or PNG

    @property
    def largest(self):
        return self.fallback[-1]


def modern_formats():
    """The modern formats this Pillow can write (AVIF needs Pillow 11.2+)."""
    return [f for f in MODERN_FORMATS if features.check(f[1])]


def renditions(image, widths=WIDTHS):
    """The renditions of an uploaded image (an ImageField's file), or None.

    None when the file is missing or unreadable: the caller shows nothing
    rather than failing the page.
    """
    if not image:
        return None
    key = "rendition:" + _digest(image, widths)
    found = cache.get(key)
    if found is None:
        try:
            found = _make_all(image, widths)
        except (OSError, ValueError, Image.DecompressionBombError):
            logger.warning("Cannot make renditions of %s", image.name, exc_info=True)
            return None
        cache.set(key, found, CACHE_SECONDS)
    return found


def _digest(image, widths):
    raw = f"{image.name}|{','.join(map(str, widths))}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def _make_all(image, widths):
    storage = image.storage
    with image.open("rb") as handle, Image.open(handle) as original:
        original = ImageOps.exif_transpose(original)
        has_alpha = original.mode in ("RGBA", "LA", "PA") or (
            original.mode == "P" and "transparency" in original.info
        )
        fallback_format = PNG if has_alpha else JPEG
        folder = PurePosixPath(RENDITION_DIR) / _digest(image, widths)[:16]
        stem = PurePosixPath(image.name).stem[:60]
        chosen = sorted(
            {w for w in widths if w < original.width}
            | {min(original.width, max(widths))}
        )
        sources = []
        fallback = []
        for fmt in [*modern_formats(), fallback_format]:
            made = []
            for width in chosen:
                height = max(1, round(original.height * width / original.width))
                name = str(folder / f"{stem}-{width}w.{fmt[1]}")
                if not storage.exists(name):
                    _save(storage, name, original, (width, height), fmt, has_alpha)
                made.append(Rendition(storage.url(name), width, height))
            if fmt in (JPEG, PNG):
                fallback = made
            else:
                sources.append((fmt[2], made))
    return RenditionSet(sources=sources, fallback=fallback)


def _save(storage, name, original, size, fmt, has_alpha):
    pillow_format, _ext, _mime, options = fmt
    picture = original.convert("RGBA" if has_alpha else "RGB")
    if picture.size != size:
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, pillow_format, **options)
    saved = storage.save(name, ContentFile(buffer.getvalue()))
    if saved != name:
        # Another process made it meanwhile: keep theirs, drop our copy.
        storage.delete(saved)
