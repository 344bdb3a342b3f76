package io.jenkins.plugins.imagelifecycle.view;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.imagelifecycle.support.Json;
import io.jenkins.plugins.imagelifecycle.support.NotClosingWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * The lifecycle view's page and assets, shipped in the core jar so every front end serves the same
 * files: as a served page (script and style from files, data from a JSON URL, a strict CSP header),
 * or as one self-contained report whose inline script and style are allowed by their sha256 hashes.
 */
public final class ViewPage {
    /** What a server sends with the page: script, style and data only from itself; nothing inline. */
    public static final String SERVED_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
    public static final String CSS = "view.css";
    public static final String JS = "app.js";

    private ViewPage() {
    }

    /**
     * The page for a server that also serves {@link #asset}, the data at {@code dataUrl} (written with
     * {@link LifecycleView.History#ON_DEMAND}) and one image's events at {@code historyUrl}{@code ?digest=sha256:…}.
     */
    public static String served(String dataUrl, String historyUrl) {
        return template()
                .replace("<!--STYLE-->", "<link rel=\"stylesheet\" href=\"" + CSS + "\">")
                .replace("<!--SCRIPT-->", "<script type=\"module\" src=\"" + JS + "\"></script>")
                .replace("<!--DATA-->", "")
                .replace("data-src=\"data.json\"", "data-src=\"" + escapeAttribute(dataUrl) + "\" data-history-src=\""
                        + escapeAttribute(historyUrl) + "\"");
    }

    /**
     * One file with everything inline, under its own hash-based Content-Security-Policy: its data is written with
     * {@link LifecycleView.History#INLINE}, since no server answers it.
     */
    public static String selfContained(ObjectNode data) {
        StringWriter page = new StringWriter();
        try {
            writeSelfContained(page, json -> json.writeTree(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return page.toString();
    }

    /** Writes the data of {@link #writeSelfContained}: the JSON document, to the generator it is given. */
    @FunctionalInterface
    public interface Data {
        void write(JsonGenerator json) throws IOException;
    }

    /** As {@link #selfContained}, streamed to {@code out}: the data is written by {@code data} as it is read. */
    public static void writeSelfContained(Writer out, Data data) throws IOException {
        String css = text(CSS);
        String js = text(JS);
        String csp = "default-src 'none'; script-src '" + sha256(js) + "'; style-src '" + sha256(css) + "'; img-src data:; "
                + "base-uri 'none'; form-action 'none'";
        String page = template()
                .replace("<!--STYLE-->", "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n<style>" + css + "</style>")
                .replace("<!--SCRIPT-->", "<script type=\"module\">" + js + "</script>");
        int at = page.indexOf("<!--DATA-->");
        out.write(page, 0, at);
        out.write("<script type=\"application/json\" id=\"lifecycle-data\">");
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(new NotClosingWriter(out))) {
            json.setCharacterEscapes(NoRawLessThan.INSTANCE);
            data.write(json);
        }
        out.write("</script>");
        out.write(page, at + "<!--DATA-->".length(), page.length() - at - "<!--DATA-->".length());
        out.flush();
    }

    /** '<' never appears raw inside the data block, so no label can close the script element. */
    private static final class NoRawLessThan extends CharacterEscapes {
        static final NoRawLessThan INSTANCE = new NoRawLessThan();
        private final int[] escapes = standardAsciiEscapesForJSON();

        private NoRawLessThan() {
            escapes['<'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    /** An asset by name ({@code view.css}, {@code app.js}), or empty for anything else. */
    public static Optional<byte[]> asset(String name) {
        if (!CSS.equals(name) && !JS.equals(name)) {
            return Optional.empty();
        }
        return Optional.of(text(name).getBytes(StandardCharsets.UTF_8));
    }

    public static String contentType(String name) {
        return name.endsWith(".css") ? "text/css; charset=utf-8" : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : name.endsWith(".json") ? "application/json" : "text/html; charset=utf-8";
    }

    static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String template() {
        return text("index.html");
    }

    private static String text(String name) {
        try (InputStream in = ViewPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing view asset " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String escapeAttribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
