package io.jenkins.plugins.imagelifecycle.releasenotes;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Each test's outcome in a test run's JUnit XML, by {@code classname.name}. */
final class TestOutcomes {
    static final String PASSED = "passed";
    static final String FAILED = "failed";

    private TestOutcomes() {
    }

    /** Empty for a run without a report; a report that is not JUnit XML counts as no tests known. */
    static Map<String, String> of(String junitXml) {
        Map<String, String> out = new TreeMap<>();
        if (junitXml == null || junitXml.isBlank()) {
            return out;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // stored reports are our own, but a catalog is shared: no DTDs, no external entities
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            NodeList cases = f.newDocumentBuilder().parse(new InputSource(new StringReader(junitXml))).getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element c = (Element) cases.item(i);
                boolean failed = c.getElementsByTagName("failure").getLength() > 0 || c.getElementsByTagName("error").getLength() > 0;
                out.put(c.getAttribute("classname") + "." + c.getAttribute("name"), failed ? FAILED : PASSED);
            }
        } catch (ParserConfigurationException | SAXException | IOException e) {
            out.clear();
        }
        return out;
    }
}
