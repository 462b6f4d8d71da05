package ops.pfsense;

import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import ops.base.OpsException;
import ops.text.Lines;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * jsoup repairs broken XML silently; a truncated or hand-mangled config.xml must instead be
 * refused with the line and column of the damage. The JDK's SAX parser checks that, with
 * DTDs and external entities off.
 */
final class XmlWellFormedness {
    private XmlWellFormedness() {}

    static void check(String source, String xml) {
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.newSAXParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler());
        } catch (SAXParseException e) {
            throw new OpsException(source + ": not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + Lines.quote(String.valueOf(e.getMessage())).replaceAll("\\.$", "")
                    + "; restore it from a backup (Diagnostics > Backup & Restore, or /cf/conf/backup/)");
        } catch (Exception e) {
            throw new OpsException(source + ": cannot be read as XML: " + Lines.quote(String.valueOf(e.getMessage())), e);
        }
    }
}
