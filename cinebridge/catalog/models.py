"""Catalog data: titles and everything that describes them.

Access levels (see ``cinebridge.core.permissions``): a published title's audience-facing side
(titles, synopsis, trailer, poster, genres, countries, director) is public; trade details
(screeners, versions, full credits, episodes' runtimes) need a signed-in user; drafts and
private fields (internal notes, asking price) are for members of the owner only.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cinebridge.core.models import OwnedModel


class TitleKind(models.TextChoices):
    FEATURE = "feature", _("Feature film")
    DOCUMENTARY = "documentary", _("Documentary")
    ANIMATION = "animation", _("Animation")
    SERIES = "series", _("Series")
    TV_PROGRAMME = "tv_programme", _("TV programme")


class TitleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (owner only)")
    PUBLISHED = "published", _("Published")


class Genre(models.Model):
    """A genre from the platform's fixed list; names per UI language live in ``names``."""

    slug = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    names = models.JSONField(default=dict, blank=True, help_text="language code -> name")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def localised_name(self, language: str) -> str:
        """The genre's name in ``language`` (a Django language code), falling back to English."""
        return self.names.get(language) or self.names.get(language.split("-")[0]) or self.name


class Title(OwnedModel):
    """A film, series, animation, documentary or TV programme in an organisation's catalog."""

    reference = models.CharField(
        _("catalog reference"),
        max_length=64,
        blank=True,
        help_text=_("The owner's own code for the title (e.g. SMF-0042); unique per owner."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TitleKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=TitleStatus.choices, default=TitleStatus.DRAFT
    )
    original_title = models.CharField(_("original title"), max_length=300)
    original_language = models.CharField(
        _("original language"), max_length=35, help_text=_("BCP 47 tag, e.g. ru, vi, zh-Hans")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    runtime_minutes = models.PositiveIntegerField(_("runtime (minutes)"), null=True, blank=True)
    genres = models.ManyToManyField(Genre, blank=True, related_name="titles")
    popularity = models.PositiveIntegerField(
        default=0, help_text=_("Relative popularity, used to order equally good search matches.")
    )
    # Private to the owner's members.
    internal_notes = models.TextField(_("internal notes"), blank=True)
    asking_price = models.DecimalField(
        _("asking price"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    asking_currency = models.CharField(_("currency"), max_length=3, blank=True)
    # Standard identifiers: the same one means the same work, whoever lists it (search
    # groups such listings into one work); unique per owner. Stored canonical.
    eidr = models.CharField(_("EIDR"), max_length=64, blank=True, db_index=True)
    isan = models.CharField(_("ISAN"), max_length=64, blank=True, db_index=True)
    imdb = models.CharField(_("IMDb id"), max_length=16, blank=True, db_index=True)

    class Meta:
        ordering = ["original_title", "id"]
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["year"]),
            models.Index(fields=["owner", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "reference"],
                condition=~models.Q(reference=""),
                name="title_reference_unique_per_owner",
            ),
            *(
                models.UniqueConstraint(
                    fields=["owner", scheme],
                    condition=~models.Q(**{scheme: ""}),
                    name=f"title_{scheme}_unique_per_owner",
                )
                for scheme in ("eidr", "isan", "imdb")
            ),
        ]

    def __str__(self) -> str:
        return self.original_title

    @property
    def is_published(self) -> bool:
        return self.status == TitleStatus.PUBLISHED


class ProductionCountry(models.Model):
    """One of a title's production countries (ISO 3166-1 alpha-2), in credit order."""

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="countries")
    country = models.CharField(max_length=2, db_index=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "country"]
        constraints = [
            models.UniqueConstraint(fields=["title", "country"], name="production_country_unique")
        ]

    def __str__(self) -> str:
        return self.country


class LocalisedTitleKind(models.TextChoices):
    OFFICIAL = "official", _("Official release title")
    ROMANISATION = "romanisation", _("Romanisation")
    ALTERNATIVE = "alternative", _("Alternative / working title")


class LocalisedTitle(models.Model):
    """A title's name in one language and script (``ru``, ``zh-Hans``, ``zh-Latn-pinyin``...)."""

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="localised_titles")
    language = models.CharField(max_length=35, help_text=_("BCP 47 tag with script if useful"))
    text = models.CharField(max_length=300)
    kind = models.CharField(
        max_length=16, choices=LocalisedTitleKind.choices, default=LocalisedTitleKind.OFFICIAL
    )

    class Meta:
        ordering = ["language", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "language", "text"], name="localised_title_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.language}]"


class Synopsis(models.Model):
    """A title's synopsis in one language (public once the title is published)."""

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="synopses")
    language = models.CharField(max_length=35)
    text = models.TextField()

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["title", "language"], name="synopsis_one_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.title_id} [{self.language}]"


class Person(OwnedModel):
    """Someone credited on titles: a director, writer, actor, voice, composer..."""

    name = models.CharField(_("name"), max_length=200, help_text=_("Name in the original script"))
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    country = models.CharField(max_length=2, blank=True)
    is_public = models.BooleanField(default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class PersonName(models.Model):
    """A person's name in another language or script (``Юрий Норштейн`` / ``Yuri Norstein``)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    language = models.CharField(max_length=35)
    text = models.CharField(max_length=200)

    class Meta:
        ordering = ["language", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "language", "text"], name="person_name_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.language}]"


class CreditRole(models.TextChoices):
    DIRECTOR = "director", _("Director")
    WRITER = "writer", _("Writer")
    PRODUCER = "producer", _("Producer")
    CAST = "cast", _("Cast")
    VOICE = "voice", _("Voice")
    ANIMATOR = "animator", _("Animator")
    COMPOSER = "composer", _("Composer")
    CINEMATOGRAPHER = "cinematographer", _("Cinematographer")
    EDITOR = "editor", _("Editor")


class Credit(models.Model):
    """A person's role on a title; ``character`` for cast and voice."""

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="credits")
    role = models.CharField(max_length=20, choices=CreditRole.choices)
    character = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "person", "role", "character"], name="credit_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} as {self.role} on {self.title_id}"


class Season(models.Model):
    """A season of a series."""

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="seasons")
    number = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["title", "number"], name="season_number_unique")
        ]

    def __str__(self) -> str:
        return f"S{self.number:02d}"


class Episode(models.Model):
    """An episode of a season."""

    season = models.ForeignKey(Season, on_delete=models.CASCADE, related_name="episodes")
    number = models.PositiveSmallIntegerField()
    original_title = models.CharField(max_length=300, blank=True)
    english_title = models.CharField(max_length=300, blank=True)
    runtime_minutes = models.PositiveIntegerField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["season", "number"], name="episode_number_unique")
        ]

    def __str__(self) -> str:
        return f"E{self.number:02d} {self.original_title}".strip()


class VersionKind(models.TextChoices):
    ORIGINAL = "original", _("Original audio")
    DUB = "dub", _("Dubbed audio")
    SUBTITLES = "subtitles", _("Subtitles")
    VOICE_OVER = "voice_over", _("Voice-over")


class Version(models.Model):
    """A language track that exists for a title (trade detail)."""

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(max_length=35, db_index=True)
    kind = models.CharField(max_length=12, choices=VersionKind.choices)
    notes = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["title", "language", "kind"], name="version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.kind}"


class AssetKind(models.TextChoices):
    TRAILER = "trailer", _("Trailer")
    POSTER = "poster", _("Poster")
    STILL = "still", _("Still")
    SCREENER = "screener", _("Screener")
    PRESS_KIT = "press_kit", _("Press kit")


PUBLIC_ASSET_KINDS = frozenset({AssetKind.TRAILER, AssetKind.POSTER, AssetKind.STILL})


class MediaAsset(models.Model):
    """A link to a trailer, poster, still, press kit or screener.

    Trailers, posters and stills are public; screeners and press kits are trade details.
    """

    title = models.ForeignKey(Title, on_delete=models.CASCADE, related_name="assets")
    kind = models.CharField(max_length=12, choices=AssetKind.choices)
    url = models.URLField(max_length=500)
    language = models.CharField(max_length=35, blank=True)
    label = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.url}"

    @property
    def is_public(self) -> bool:
        return self.kind in PUBLIC_ASSET_KINDS


class SearchKind(models.TextChoices):
    TITLE = "title", _("Title")
    PERSON = "person", _("Person")


class SearchEntry(models.Model):
    """The searchable text of one title or person, as built by ``engines.text.index_text``.

    Rebuilt by the catalog services on every write to the object. SQLite indexes ``text`` with
    an FTS5 trigram table kept in step by triggers; PostgreSQL with a pg_trgm GIN index.
    """

    kind = models.CharField(max_length=8, choices=SearchKind.choices)
    title = models.OneToOneField(
        Title, null=True, blank=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    person = models.OneToOneField(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="search_entry"
    )
    text = models.TextField()
    names = models.JSONField(default=list, help_text="The names indexed, primary first.")
    forms = models.JSONField(
        default=list,
        help_text="engines.text forms of each name, so ranking need not recompute them",
    )
    literal = models.TextField(
        default="",
        blank=True,
        help_text=(
            "engines.text.bounds.literal_text of the names: what the database bounds a "
            "match's rank with, so only a page of matches is ranked"
        ),
    )
    version = models.BigIntegerField(
        default=0,
        db_index=True,
        help_text=(
            "The catalog.search_entries change counter when the entry was last written: "
            "processes holding the entries in memory read those written since"
        ),
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="title", title__isnull=False, person__isnull=True)
                    | models.Q(kind="person", person__isnull=False, title__isnull=True)
                ),
                name="search_entry_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.title_id or self.person_id}"


class SearchTerm(models.Model):
    """A word of the search vocabulary (skeleton tokens), used to correct typos in queries."""

    term = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.term
