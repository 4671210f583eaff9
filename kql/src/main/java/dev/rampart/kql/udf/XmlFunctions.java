package dev.rampart.kql.udf;

import dev.rampart.kql.analyzer.Json;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.rampart.kql.udf.Family.fn;

/**
 * parse_xml: an XML document as a dynamic value by parse-xml-function.md's table. An element with neither attributes
 * nor child elements is its text (null when empty); otherwise an object of its attributes as {@code @name}, its text as
 * {@code #text} and its child elements by name, repeated names gathered into an array. Only elements, attributes and
 * text are read; the document type and entities are refused, so a query cannot make the parser read files.
 */
final class XmlFunctions implements Family {
    /** Longer input gives null, as the reference says. */
    static final int MAX_BYTES = 1_048_576;

    @Override
    public void define(Consumer<JavaFunction> out) {
        fn(out, "parse_xml s>y", a -> a[0] == null ? null : toJson((String) a[0]));
    }

    static String toJson(String xml) {
        if (xml.length() > MAX_BYTES || xml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return null;
        }
        Document doc;
        try {
            DocumentBuilder b = factory().newDocumentBuilder();
            b.setErrorHandler(SILENT); // the default handler prints every parse error to stderr
            doc = b.parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            return null; // not XML, or a document type the parser refuses
        }
        Element root = doc.getDocumentElement();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(root.getTagName(), value(root));
        return Json.write(out);
    }

    private static final org.xml.sax.ErrorHandler SILENT = new org.xml.sax.ErrorHandler() {
        @Override
        public void warning(org.xml.sax.SAXParseException e) {
        }

        @Override
        public void error(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXParseException {
            throw e;
        }
    };

    private static DocumentBuilderFactory factory() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    private static Object value(Element e) {
        NamedNodeMap attrs = e.getAttributes();
        StringBuilder text = new StringBuilder();
        List<Element> children = new ArrayList<>();
        boolean textFirst = false;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                children.add((Element) n);
            } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                if (children.isEmpty() && !n.getNodeValue().isBlank()) {
                    textFirst = true;
                }
                text.append(n.getNodeValue());
            }
        }
        String t = text.toString().strip();
        if (attrs.getLength() == 0 && children.isEmpty()) {
            return t.isEmpty() ? null : t;
        }
        Map<String, Object> obj = new LinkedHashMap<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            obj.put("@" + attrs.item(i).getNodeName(), attrs.item(i).getNodeValue());
        }
        if (textFirst && !t.isEmpty()) {
            obj.put("#text", t);
        }
        for (Element c : children) {
            Object v = value(c);
            String name = c.getTagName();
            if (!obj.containsKey(name)) {
                obj.put(name, v);
            } else if (obj.get(name) instanceof Repeated r) {
                r.add(v);
            } else {
                Repeated r = new Repeated();
                r.add(obj.get(name));
                r.add(v);
                obj.put(name, r);
            }
        }
        if (!textFirst && !t.isEmpty()) {
            obj.put("#text", t);
        }
        return obj;
    }

    /** Values of child elements that share a name, in document order. */
    private static final class Repeated extends ArrayList<Object> {
    }
}
