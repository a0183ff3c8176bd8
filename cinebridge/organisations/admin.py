from django.contrib import admin

from cinebridge.organisations.models import Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "name_local", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "name_local", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
