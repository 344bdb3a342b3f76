package io.jenkins.plugins.imagelifecycle.verify;

import java.util.Locale;

/** Writes a report as JUnit XML: one testsuite, one testcase per test, failures with their message. */
public final class JUnitXml {
    private JUnitXml() {
    }

    public static String of(TestReport report, String suiteName) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        double total = report.results().stream().mapToLong(TestResult::durationMillis).sum() / 1000.0;
        xml.append("<testsuite name=\"").append(escape(suiteName)).append("\" tests=\"").append(report.results().size())
                .append("\" failures=\"").append(report.failedCount()).append("\" errors=\"0\" skipped=\"0\" time=\"")
                .append(seconds(total)).append("\" timestamp=\"").append(report.startedAt()).append("\">\n");
        xml.append("  <properties>\n    <property name=\"image\" value=\"").append(escape(report.image())).append("\"/>\n");
        for (TestReport.SpecRef spec : report.specs()) {
            xml.append("    <property name=\"spec\" value=\"").append(escape(spec.name() + " sha256:" + spec.sha256())).append("\"/>\n");
        }
        xml.append("  </properties>\n");
        for (TestResult r : report.results()) {
            xml.append("  <testcase classname=\"").append(escape(suiteName + "." + r.kind())).append("\" name=\"")
                    .append(escape(r.name())).append("\" time=\"").append(seconds(r.durationMillis() / 1000.0)).append('"');
            if (r.passed()) {
                xml.append("/>\n");
            } else {
                xml.append(">\n    <failure message=\"").append(escape(r.message())).append("\" type=\"")
                        .append(escape(r.kind())).append("\">").append(escape(r.message())).append("</failure>\n  </testcase>\n");
            }
        }
        return xml.append("</testsuite>\n").toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** XML 1.0 text and attribute escaping; characters XML cannot hold become '?'. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' && c != '\r' ? '?' : c);
            }
        }
        return out.toString();
    }
}
