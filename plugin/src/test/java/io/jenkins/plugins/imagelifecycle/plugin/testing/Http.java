package io.jenkins.plugins.imagelifecycle.plugin.testing;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * Requests and responses for calling an action's web methods as Stapler would, recording what they write.
 * Only the members the plugin uses answer; any other call fails the test.
 */
public final class Http {
    private Http() {
    }

    public static Request request(String method) {
        return new Request(method);
    }

    public static final class Request {
        private final String method;
        private final Map<String, String> parameters = new HashMap<>(); // HashMap: a null value means absent
        private final Map<String, String> headers = new HashMap<>();
        private String body = "";
        private String restOfPath = "";

        private Request(String method) {
            this.method = method;
        }

        public Request param(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        public Request header(String name, String value) {
            headers.put(name.toLowerCase(), value);
            return this;
        }

        public Request body(String contentType, String content) {
            headers.put("content-type", contentType);
            this.body = content;
            return this;
        }

        public Request path(String rest) {
            this.restOfPath = rest;
            return this;
        }

        public StaplerRequest2 proxy() {
            InvocationHandler handler = (p, m, args) -> switch (m.getName()) {
                case "getMethod" -> method;
                case "getParameter" -> parameters.get((String) args[0]);
                case "getHeader" -> headers.get(((String) args[0]).toLowerCase());
                case "getContentType" -> headers.get("content-type");
                case "getReader" -> new BufferedReader(new StringReader(body));
                case "getInputStream" -> inputStream(body.getBytes(StandardCharsets.UTF_8));
                case "getRestOfPath" -> restOfPath;
                default -> throw new UnsupportedOperationException("request." + m.getName());
            };
            return (StaplerRequest2) Proxy.newProxyInstance(Http.class.getClassLoader(), new Class<?>[] {StaplerRequest2.class}, handler);
        }

        /** The body's bytes as the servlet container hands them over (UTF-8, as registries send JSON). */
        private static ServletInputStream inputStream(byte[] bytes) {
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("setReadListener");
                }
            };
        }
    }

    public static final class Response {
        public final Map<String, String> headers = new HashMap<>();
        public int status = 200;
        public String error;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final StringWriter chars = new StringWriter();

        public String body() {
            return bytes.toString(StandardCharsets.UTF_8) + chars;
        }

        public StaplerResponse2 proxy() {
            InvocationHandler handler = (p, m, args) -> {
                switch (m.getName()) {
                    case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                    case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                    case "setStatus" -> status = (Integer) args[0];
                    case "sendError" -> {
                        status = (Integer) args[0];
                        error = args.length > 1 ? (String) args[1] : null;
                    }
                    case "getWriter" -> {
                        return new PrintWriter(chars);
                    }
                    case "getOutputStream" -> {
                        return new ServletOutputStream() {
                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setWriteListener(WriteListener listener) {
                            }

                            @Override
                            public void write(int b) {
                                bytes.write(b);
                            }
                        };
                    }
                    default -> throw new UnsupportedOperationException("response." + m.getName());
                }
                return null;
            };
            return (StaplerResponse2) Proxy.newProxyInstance(Http.class.getClassLoader(), new Class<?>[] {StaplerResponse2.class}, handler);
        }
    }
}
