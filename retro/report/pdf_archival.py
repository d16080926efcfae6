"""What makes the PDF findable and accessible beyond its pages: XMP metadata, title display.

* ``/ViewerPreferences /DisplayDocTitle true``: readers show the incident's title in the window
  title and tab, not the file name (PDF/UA requires it);
* an XMP metadata stream (Dublin Core title, creator, description, subject, language; PDF
  producer and keywords; creation date), mirroring the document information dictionary, which
  archives and search tools read;
* the document language is set on the catalogue by the canvas (``/Lang``).

Everything here comes from the document information reportlab already holds, which
:func:`retro.report.pdf.metadata` fills from the retro cut for the audience (so the public
report's metadata holds only what the public report may show).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import XMP


def _text(value: Any) -> str:
    return escape(str(value or ""))


def xmp_packet(*, title: str, author: str, subject: str, keywords: str, creator: str, language: str, created: datetime) -> str:
    """An XMP packet (RDF/XML) describing the document."""
    stamp = created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    subjects = "".join(f"<rdf:li>{_text(k.strip())}</rdf:li>" for k in keywords.split(",") if k.strip())
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_text(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{_text(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_text(subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>
   <dc:language><rdf:Bag><rdf:li>{_text(language)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{_text(keywords)}</pdf:Keywords>
   <pdf:Producer>{_text(creator)}</pdf:Producer>
   <xmp:CreatorTool>{_text(creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def apply(canvas: Any, language: str) -> None:
    """Add DisplayDocTitle and the XMP stream to the canvas's document (call before saving)."""
    doc = canvas._doc
    info = doc.info
    canvas.setViewerPreference("DisplayDocTitle", "true")
    packet = xmp_packet(
        title=info.title, author=info.author, subject=info.subject, keywords=info.keywords,
        creator=info.creator, language=language, created=datetime.now(UTC),
    )
    doc.Catalog.Metadata = doc.Reference(XMP(creator=lambda _doc: packet.encode("utf-8")), "XMPMetadata")
