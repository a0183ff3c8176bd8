"""Catalog API: titles and people with tenancy, filters and multilingual search."""

from __future__ import annotations

from typing import Any

from django.db.models import ProtectedError, QuerySet
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.permissions import IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cinebridge.catalog import selectors, services
from cinebridge.catalog.api.serializers import PersonSerializer, TitleSerializer
from cinebridge.catalog.filters import CatalogFilterForm
from cinebridge.catalog.models import Person, Title
from cinebridge.catalog.specs import SpecInvalid, title_spec_from_raw
from cinebridge.catalog.visibility import title_view_for
from cinebridge.catalog.works import work_listings
from cinebridge.core.permissions import (
    CATALOG_EDITOR_ROLES,
    is_member,
    member_roles,
    require_editor,
)
from cinebridge.organisations.models import Organisation

FILTER_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Search text, any language or script"),
    OpenApiParameter("kind", OpenApiTypes.STR),
    OpenApiParameter("country", OpenApiTypes.STR, description="ISO 3166-1 alpha-2"),
    OpenApiParameter("genre", OpenApiTypes.STR),
    OpenApiParameter("year_from", OpenApiTypes.INT),
    OpenApiParameter("year_to", OpenApiTypes.INT),
    OpenApiParameter("version_language", OpenApiTypes.STR, description="BCP 47, e.g. vi"),
    OpenApiParameter("version_kind", OpenApiTypes.STR, description="dub, subtitles, voice_over"),
    OpenApiParameter("owner", OpenApiTypes.INT, description="owning organisation id"),
]


def _filter_form(request: Request) -> CatalogFilterForm:
    form = CatalogFilterForm(request.query_params)
    if not form.is_valid():
        raise ValidationError(form.errors)
    return form


def _spec_or_400(data: Any) -> Any:
    try:
        return title_spec_from_raw(data)
    except SpecInvalid as error:
        raise _invalid(error) from error


def _invalid(error: SpecInvalid) -> ValidationError:
    """A 400 listing every problem, as the field errors and as coded errors."""
    return ValidationError(
        {p.field: [p.message] for p in error.problems}
        | {
            "errors": [
                {"field": p.field, "code": p.code.value, "message": p.message}
                for p in error.problems
            ]
        }
    )


def _owner_for_write(request: Request, slug: str | None) -> Organisation:
    """The organisation a new object will belong to: named by slug, or the caller's only one."""
    roles = member_roles(request.user)
    if slug:
        owner = Organisation.objects.filter(slug=slug).first()
    elif len(roles) == 1:
        owner = Organisation.objects.get(pk=next(iter(roles)))
    else:
        raise ValidationError({"owner": ["say which of your organisations owns it (owner slug)"]})
    if owner is None or not is_member(request.user, owner.pk, CATALOG_EDITOR_ROLES):
        raise ValidationError({"owner": ["you cannot add to that organisation's catalog"]})
    return owner


def _body_object(request: Request) -> Any:
    """The request body as an object of named fields; a list or a number is a 400."""
    if not isinstance(request.data, dict):
        raise ParseError(gettext("the body should be a JSON object of named fields"))
    return request.data


class TitleViewSet(viewsets.ModelViewSet):
    """Titles visible to the caller. ``?q=`` searches; the other parameters filter.

    Creating needs a sales, producer or admin role in the owning organisation (``owner`` slug,
    default: the caller's only organisation); others' drafts answer 404.
    """

    serializer_class = TitleSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Title]:
        return (
            selectors.titles_visible(self.request.user)
            .select_related("owner")
            .prefetch_related(
                "localised_titles",
                "synopses",
                "countries",
                "genres",
                "assets",
                "versions",
                "credits__person",
                "seasons__episodes",
            )
            .order_by("id")
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["view_for"] = lambda title: title_view_for(self.request.user, title)
        return context

    @extend_schema(parameters=FILTER_PARAMETERS)
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = _filter_form(request)
        text = form.cleaned_data.get("q", "").strip()
        if text:
            result = selectors.catalog_search(
                user=request.user, text=text, filters=form.filters(), people=False
            )
            page = self.paginate_queryset(result.title_hits)
            hits = page if page is not None else result.title_hits
            by_id = self.get_queryset().in_bulk([h.key for h in hits])
            ordered = [by_id[h.key] for h in hits if h.key in by_id]
            data = self.get_serializer(ordered, many=True).data
            return self.get_paginated_response(data) if page is not None else Response(data)
        queryset = selectors.titles_filtered(self.get_queryset(), form.filters())
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _body_object(request)
        owner = _owner_for_write(request, data.get("owner"))
        spec = _spec_or_400(data)
        try:
            title = services.title_create(actor=request.user, owner=owner, spec=spec)
        except SpecInvalid as error:  # an identifier the owner already has
            raise _invalid(error) from error
        title = self.get_queryset().get(pk=title.pk)
        return Response(self.get_serializer(title).data, status=status.HTTP_201_CREATED)

    def _editable(self) -> Title:
        title = self.get_object()
        require_editor(self.request.user, title.owner_id)
        return title

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        title = self._editable()
        if kwargs.get("partial"):
            data = dict(selectors.title_spec(title).__dict__)
            data.update(_body_object(request))
        else:
            data = _body_object(request)
        spec = _spec_or_400(data)
        try:
            services.title_update(actor=request.user, title=title, spec=spec)
        except SpecInvalid as error:
            raise _invalid(error) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=title.pk)).data)

    @extend_schema(responses={204: None, 409: OpenApiTypes.OBJECT})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            services.title_delete(actor=request.user, title=self._editable())
        except ProtectedError:
            detail = gettext("deals or rights still name this title; end them first")
            return Response({"detail": detail}, status=status.HTTP_409_CONFLICT)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PersonViewSet(viewsets.ModelViewSet):
    """People visible to the caller (``?q=`` searches their names in any script).

    Creating and changing a person needs a sales, producer or admin role in the owning
    organisation; a person credited on titles cannot be deleted.
    """

    serializer_class = PersonSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    filter_backends: list[Any] = []
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def perform_create(self, serializer: Any) -> None:
        owner = _owner_for_write(self.request, self.request.data.get("owner"))
        data = serializer.validated_data
        serializer.instance = services.person_create(
            actor=self.request.user,
            owner=owner,
            name=data["name"],
            names=[(n["language"], n["text"]) for n in data.get("names", [])],
            birth_year=data.get("birth_year"),
            country=data.get("country", ""),
            is_public=data.get("is_public", True),
        )

    def perform_update(self, serializer: Any) -> None:
        person = serializer.instance
        require_editor(self.request.user, person.owner_id)
        data = serializer.validated_data
        names = data.get("names")
        serializer.instance = services.person_update(
            actor=self.request.user,
            person=person,
            name=data.get("name", person.name),
            names=(
                [(n["language"], n["text"]) for n in names]
                if names is not None
                else [(n.language, n.text) for n in person.names.all()]
            ),
            birth_year=data.get("birth_year", person.birth_year),
            country=data.get("country", person.country),
            is_public=data.get("is_public", person.is_public),
        )

    def get_queryset(self) -> QuerySet[Person]:
        return selectors.people_visible(self.request.user).prefetch_related("names").order_by("id")

    @extend_schema(parameters=[OpenApiParameter("q", OpenApiTypes.STR)])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        text = request.query_params.get("q", "").strip()
        if text:
            hits = selectors.catalog_search(user=request.user, text=text, titles=False).person_hits
            page = self.paginate_queryset(hits)  # ranks only the page's people
            people = selectors.people_for_hits(list(page or []))
            return self.get_paginated_response(self.get_serializer(people, many=True).data)
        return super().list(request, *args, **kwargs)


class SearchView(APIView):
    """Search titles and people together; titles are ranked best first."""

    permission_classes = [IsAuthenticatedOrReadOnly]

    @extend_schema(parameters=FILTER_PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        form = _filter_form(request)
        result = selectors.catalog_search(
            user=request.user, text=form.cleaned_data.get("q", ""), filters=form.filters()
        )
        titles = selectors.titles_for_hits(result.title_hits[:50])
        by_id = {t.pk: t for t in titles}
        listings = work_listings(result.also, titles)
        people = {p.pk: p for p in selectors.people_for_hits(result.person_hits[:20])}
        return Response(
            {
                "query": result.query,
                "total": result.total,
                "typo_corrected": result.typo_corrected,
                # what the text was taken to mean when nothing matched as typed
                "layout_text": result.layout_text,
                "year": result.year,
                "year_ignored": result.year_ignored,
                "people_named": result.people_named,
                "titles": [
                    {
                        "id": h.key,
                        "kind": by_id[h.key].kind,
                        "name": by_id[h.key].original_title,
                        "year": by_id[h.key].year,
                        "matched_name": h.matched_name,
                        "tier": h.tier,
                        "typos": h.typos,
                        "url": f"/titles/{h.key}/",
                        "holders": [
                            {
                                "organisation": t.owner.slug,
                                "name": t.owner.name,
                                "title_id": t.pk,
                                "url": f"/titles/{t.pk}/",
                            }
                            for t in listings.get(h.key, [by_id[h.key]])
                        ],
                    }
                    for h in result.title_hits[:50]
                    if h.key in by_id
                ],
                "people": [
                    {
                        "id": h.key,
                        "name": people[h.key].name,
                        "matched_name": h.matched_name,
                        "tier": h.tier,
                        "url": f"/people/{h.key}/",
                    }
                    for h in result.person_hits[:20]
                    if h.key in people
                ],
            }
        )
