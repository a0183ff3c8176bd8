"""Names that are data, marked here so ``makemessages`` collects them for translation.

The medium names of ``data/media.json`` and the territory group names and descriptions of
``data/territory_groups.json`` are stored in the database in English and shown through
gettext at run time: ``cinebridge.rights.taxonomy.medium_label`` and ``territory_label``
call ``gettext`` on them (``territory_label`` also on the word "membership"). Nothing
imports this module; it only needs to exist for ``makemessages``. Keep it in step with the
data files when they change.
"""

from django.utils.translation import gettext_noop

MEDIUM_NAMES = (
    gettext_noop("All media"),
    gettext_noop("Cinematic"),
    gettext_noop("Theatrical"),
    gettext_noop("Non-theatrical"),
    gettext_noop("Festival"),
    gettext_noop("Educational"),
    gettext_noop("Ancillary"),
    gettext_noop("Airline"),
    gettext_noop("Hotel"),
    gettext_noop("Ship"),
    gettext_noop("Home video"),
    gettext_noop("TV"),
    gettext_noop("Free TV"),
    gettext_noop("Pay TV"),
    gettext_noop("Basic pay TV"),
    gettext_noop("Premium pay TV"),
    gettext_noop("VOD"),
    gettext_noop("TVOD"),
    gettext_noop("EST"),
    gettext_noop("SVOD"),
    gettext_noop("AVOD"),
    gettext_noop("FAST"),
    gettext_noop("Derivative"),
    gettext_noop("Remake and format"),
    gettext_noop("Clips"),
)

TERRITORY_GROUP_NAMES = (
    gettext_noop("Commonwealth of Independent States"),
    gettext_noop(
        "Former Soviet republics as grouped in licensing contracts. "
        "Check the membership version your contract names."
    ),
    gettext_noop("Greater China"),
    gettext_noop("Mainland China, Hong Kong, Macao and Taiwan, as film licensing uses the term."),
    gettext_noop("ASEAN"),
    gettext_noop("Member states of the Association of Southeast Asian Nations."),
)

# territory_label: "CIS (membership 4)"
MEMBERSHIP = gettext_noop("membership")

# Words the code translates inside f-strings, where xgettext cannot see them:
# rights/selectors.py Labels.mask writes f" {gettext('excl.')} " between territory codes.
FSTRING_WORDS = (gettext_noop("excl."),)
