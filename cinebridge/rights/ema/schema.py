"""XSD validation of EMA Avails XML against MovieLabs' avails v2.5 schema.

How the schema is assembled (details and licence in ``xsd/README.md``):

* ``avails-v2.5.xsd`` imports md v2.8, mdmec v2.8 and W3C xmldsig, which are not
  shipped.  ``md-v2.7.xsd`` is loaded under the md v2.8 namespace (its
  ``targetNamespace`` is rewritten in memory) and gets a minimal ``Compatibility-type``
  if it lacks one; ``mdmec-v2.8-standin.xsd`` declares ``Publisher-type`` and an
  open-content ``CoreMetadata-type``; xmldsig comes from the copy of the W3C schema that
  the ``xmlschema`` package bundles.
* Documents written in any avails v2.x / md v2.x / mdmec v2.x namespace (the MovieLabs
  samples use avails v2.3 and md v2.6) are parsed with their namespaces mapped to
  avails v2.5 / md v2.8 / mdmec v2.8 first, so they are judged by the v2.5 rules.

The schema is built once per process (``get_schema`` is cached).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from xml.parsers import expat

import xmlschema

from .errors import EmaInvalid, EmaProblem

AVAILS_NS = "http://www.movielabs.com/schema/avails/v2.5/avails"
MD_NS = "http://www.movielabs.com/schema/md/v2.8/md"
MDMEC_NS = "http://www.movielabs.com/schema/mdmec/v2.8"
MD_V27_NS = "http://www.movielabs.com/schema/md/v2.7/md"
XSD_DIR = Path(__file__).with_name("xsd")

#: Canonical prefixes used in problem messages, whatever prefixes a document uses.
PREFIXES = {AVAILS_NS: "avails", MD_NS: "md", MDMEC_NS: "mdmec"}

_NAMESPACE_MAP = (
    (re.compile(r"http://www\.movielabs\.com/schema/avails/v2\.\d+(?:\.\d+)?/avails"), AVAILS_NS),
    (re.compile(r"http://www\.movielabs\.com/schema/md/v2\.\d+(?:\.\d+)?/md"), MD_NS),
    (re.compile(r"http://www\.movielabs\.com/schema/mdmec/v2\.\d+(?:\.\d+)?"), MDMEC_NS),
)

# Minimal md:Compatibility-type (md v2.7 has none; avails v2.5 refers to it).
_COMPATIBILITY_TYPE = """
	<xs:complexType name="Compatibility-type">
		<xs:sequence>
			<xs:element name="SpecVersion" type="xs:string"/>
			<xs:element name="System" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
			<xs:element name="Profile" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
			<xs:any namespace="##other" processContents="lax" minOccurs="0" maxOccurs="unbounded"/>
		</xs:sequence>
	</xs:complexType>
"""


class LinedElement(ET.Element):
    """An ElementTree element that remembers the line its start tag is on.

    ``xmlschema`` reads the ``sourceline`` attribute, so its errors point at lines too.
    """

    sourceline: int | None = None


def canonical_namespace(uri: str) -> str:
    """Map an avails/md/mdmec v2.x namespace to the v2.5/v2.8 one; others unchanged."""
    for pattern, target in _NAMESPACE_MAP:
        if pattern.fullmatch(uri):
            return target
    return uri


def qualified_name(tag: str) -> str:
    """``{avails-ns}Asset`` -> ``avails:Asset`` (unknown namespaces stay in Clark form)."""
    return re.sub(r"\{([^}]*)\}", lambda m: f"{PREFIXES[m[1]]}:" if m[1] in PREFIXES else m[0], tag)


def location_of(elem: ET.Element | None) -> str:
    """``"line N"`` for an element parsed by :func:`parse_xml`, else ``"document"``."""
    line = getattr(elem, "sourceline", None)
    return f"line {line}" if line else "document"


class _Refused(Exception):
    pass


def parse_xml(data: bytes) -> LinedElement:
    """Parse ``data`` into :class:`LinedElement` nodes with canonical namespaces.

    DTDs (and with them entity tricks) are refused.  Raises :class:`EmaInvalid` when the
    document is not well-formed.
    """
    builder = ET.TreeBuilder(element_factory=LinedElement)
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True

    def name(raw: str) -> str:
        if "}" not in raw:
            return raw
        uri, local = raw.split("}", 1)
        return f"{{{canonical_namespace(uri)}}}{local}"

    def start(raw: str, attrs: dict[str, str]) -> None:
        elem = builder.start(name(raw), {name(k): v for k, v in attrs.items()})
        elem.sourceline = parser.CurrentLineNumber

    def refuse_doctype(*_args: object) -> None:
        raise _Refused("DTDs (<!DOCTYPE ...>) are not accepted in EMA avails")

    parser.StartElementHandler = start
    parser.EndElementHandler = lambda raw: builder.end(name(raw))
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    try:
        parser.Parse(data, True)
        root = builder.close()
    except _Refused as exc:
        problem = EmaProblem(f"line {parser.CurrentLineNumber}", "document", str(exc), "schema")
        raise EmaInvalid([problem]) from None
    except expat.ExpatError as exc:
        message = f"not well-formed XML: {expat.errors.messages[exc.code]}"
        where = f"line {exc.lineno}"
        raise EmaInvalid([EmaProblem(where, "document", message, "schema")]) from None
    assert isinstance(root, LinedElement)
    return root


def _avails_source() -> str:
    text = (XSD_DIR / "avails-v2.5.xsd").read_text(encoding="utf-8")
    # The imported schemas are supplied by us, not fetched from their schemaLocation.
    return re.sub(r'(<xs:import\b[^>]*?)\s+schemaLocation="[^"]*"', r"\1", text)


def _md_source() -> str:
    text = (XSD_DIR / "md-v2.7.xsd").read_text(encoding="utf-8").replace(MD_V27_NS, MD_NS)
    if 'name="Compatibility-type"' not in text:
        cut = text.rindex("</xs:schema>")
        text = text[:cut] + _COMPATIBILITY_TYPE + text[cut:]
    return text


@cache
def get_schema() -> xmlschema.XMLSchema10:
    """The avails v2.5 schema with md (v2.7 as v2.8), mdmec stand-in and xmldsig; built once."""
    sources = [
        _avails_source(),
        _md_source(),
        (XSD_DIR / "mdmec-v2.8-standin.xsd").read_text(encoding="utf-8"),
    ]
    # allow="local": no network; xmldsig resolves to the copy bundled with xmlschema.
    return xmlschema.XMLSchema10(sources, base_url=str(XSD_DIR), allow="local")


def schema_problems(root: ET.Element) -> list[EmaProblem]:
    """Every XSD violation of the tree ``root`` (from :func:`parse_xml`), in document order."""
    problems = []
    for error in get_schema().iter_errors(root):
        elem = error.elem if isinstance(error.elem, ET.Element) else None
        element = qualified_name(elem.tag) if elem is not None else "document"
        reason = qualified_name(error.reason or error.message)
        message = reason if f"'{element}'" in reason else f"{element}: {reason}"
        problems.append(EmaProblem(location_of(elem), element, message, "schema"))
    return problems
