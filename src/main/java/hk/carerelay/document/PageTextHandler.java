package hk.carerelay.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import hk.carerelay.document.DocumentRejectedException.Reason;

/**
 * Collects the text of Tika's XHTML, page by page where the parser marks pages ({@code <div class="page">} for PDF),
 * and stops the parse once the text passes the character limit.
 */
final class PageTextHandler extends DefaultHandler {

    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr",
            "br", "table", "blockquote", "pre", "ul", "ol", "dt", "dd");

    private final int maxCharacters;
    private final List<String> pages = new ArrayList<>();
    private final StringBuilder outside = new StringBuilder();
    private StringBuilder page;
    private int divDepth;
    private int pageDivDepth;
    private int headDepth;
    /** Bodies open: 1 in the document itself, more inside a document attached to it. */
    private int bodyDepth;
    private long characters;

    PageTextHandler(int maxCharacters) {
        this.maxCharacters = maxCharacters;
    }

    List<String> pages() {
        return pages;
    }

    /** Text outside any page: all of it for formats without pages, attachments' text for PDF. */
    String outsidePages() {
        return outside.toString();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
        String name = localName.isEmpty() ? qName : localName;
        if (name.equals("head")) {
            headDepth++;
        } else if (name.equals("body")) {
            bodyDepth++;
        } else if (name.equals("div")) {
            divDepth++;
            // an attached document's pages are not the document's: their text is outside its pages
            if (page == null && bodyDepth <= 1 && "page".equals(atts.getValue("class"))) {
                page = new StringBuilder();
                pageDivDepth = divDepth;
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        String name = localName.isEmpty() ? qName : localName;
        if (name.equals("head")) {
            headDepth--;
            return;
        }
        if (name.equals("body")) {
            bodyDepth--;
        }
        StringBuilder target = target();
        if (BLOCKS.contains(name) && !target.isEmpty() && target.charAt(target.length() - 1) != '\n') {
            target.append('\n');
        } else if (name.equals("td") || name.equals("th")) {
            target.append('\t');
        }
        if (name.equals("div")) {
            if (page != null && divDepth == pageDivDepth) {
                pages.add(page.toString());
                page = null;
            }
            divDepth--;
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (headDepth > 0) {
            return;
        }
        characters += length;
        if (characters > maxCharacters) {
            throw new SAXException(new DocumentRejectedException(Reason.TOO_MUCH_TEXT,
                    "The document has more than " + maxCharacters + " characters of text."));
        }
        target().append(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    private StringBuilder target() {
        return page != null ? page : outside;
    }
}
