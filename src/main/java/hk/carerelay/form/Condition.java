package hk.carerelay.form;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A form-js visibility condition ({@code conditional.hide}), in the subset of FEEL that CareRelay's forms use:
 * comparisons {@code field = "VALUE"} and {@code field != "VALUE"} against strings, numbers, booleans and null,
 * joined by {@code and} / {@code or}, grouped with parentheses and negated with {@code not(...)}. A bare field name is
 * true when the field holds {@code true}. Anything else is rejected when the form is loaded, not when it is used.
 */
public final class Condition {

    private final String source;
    private final Node root;

    private Condition(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    public static Condition parse(String expression) {
        String body = expression.strip();
        if (body.startsWith("=")) {
            body = body.substring(1);
        }
        Parser parser = new Parser(tokenize(body));
        Node node = parser.or();
        if (!parser.atEnd()) {
            throw new IllegalArgumentException("Unexpected '" + parser.peek() + "' in condition: " + expression);
        }
        return new Condition(expression, node);
    }

    public boolean test(Map<String, ?> values) {
        return Boolean.TRUE.equals(root.eval(values));
    }

    /** The field keys the condition reads, so a renderer knows which changes to react to. */
    public List<String> fields() {
        List<String> keys = new ArrayList<>();
        root.collect(keys);
        return keys;
    }

    @Override
    public String toString() {
        return source;
    }

    private interface Node {
        Object eval(Map<String, ?> values);

        default void collect(List<String> keys) {
        }
    }

    private record Literal(Object value) implements Node {
        public Object eval(Map<String, ?> values) {
            return value;
        }
    }

    private record Field(String key) implements Node {
        public Object eval(Map<String, ?> values) {
            Object v = values.get(key);
            return v instanceof String s && s.isEmpty() ? null : v;
        }

        public void collect(List<String> keys) {
            keys.add(key);
        }
    }

    private record Compare(Node left, Node right, boolean equal) implements Node {
        public Object eval(Map<String, ?> values) {
            return same(left.eval(values), right.eval(values)) == equal;
        }

        public void collect(List<String> keys) {
            left.collect(keys);
            right.collect(keys);
        }

        private static boolean same(Object a, Object b) {
            if (a instanceof Number x && b instanceof Number y) {
                return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
            }
            if (a instanceof Boolean || b instanceof Boolean) {
                return Objects.equals(String.valueOf(a), String.valueOf(b));
            }
            return Objects.equals(a == null ? null : a.toString(), b == null ? null : b.toString());
        }
    }

    private record Logical(Node left, Node right, boolean and) implements Node {
        public Object eval(Map<String, ?> values) {
            boolean l = Boolean.TRUE.equals(left.eval(values));
            boolean r = Boolean.TRUE.equals(right.eval(values));
            return and ? l && r : l || r;
        }

        public void collect(List<String> keys) {
            left.collect(keys);
            right.collect(keys);
        }
    }

    private record Not(Node inner) implements Node {
        public Object eval(Map<String, ?> values) {
            return !Boolean.TRUE.equals(inner.eval(values));
        }

        public void collect(List<String> keys) {
            inner.collect(keys);
        }
    }

    private static List<String> tokenize(String s) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("Unterminated string in condition: " + s);
                }
                tokens.add(s.substring(i, end + 1));
                i = end + 1;
            } else if (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
                tokens.add("!=");
                i += 2;
            } else if (c == '=' || c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                        || s.charAt(i) == '.' || (s.charAt(i) == '-' && i == start))) {
                    i++;
                }
                tokens.add(s.substring(start, i));
            } else {
                throw new IllegalArgumentException("Unsupported character '" + c + "' in condition: " + s);
            }
        }
        return tokens;
    }

    private static final class Parser {
        private final List<String> tokens;
        private int pos;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return pos >= tokens.size();
        }

        String peek() {
            return atEnd() ? "" : tokens.get(pos);
        }

        private String next() {
            if (atEnd()) {
                throw new IllegalArgumentException("Condition ends too early");
            }
            return tokens.get(pos++);
        }

        private void expect(String token) {
            String got = next();
            if (!token.equals(got)) {
                throw new IllegalArgumentException("Expected '" + token + "' but found '" + got + "'");
            }
        }

        Node or() {
            Node node = and();
            while ("or".equals(peek())) {
                next();
                node = new Logical(node, and(), false);
            }
            return node;
        }

        Node and() {
            Node node = unary();
            while ("and".equals(peek())) {
                next();
                node = new Logical(node, unary(), true);
            }
            return node;
        }

        Node unary() {
            if ("not".equals(peek())) {
                next();
                expect("(");
                Node inner = or();
                expect(")");
                return new Not(inner);
            }
            if ("(".equals(peek())) {
                next();
                Node inner = or();
                expect(")");
                return inner;
            }
            Node left = operand();
            if ("=".equals(peek()) || "!=".equals(peek())) {
                boolean equal = "=".equals(next());
                return new Compare(left, operand(), equal);
            }
            return left;
        }

        Node operand() {
            String t = next();
            if (t.startsWith("\"")) {
                return new Literal(t.substring(1, t.length() - 1));
            }
            switch (t) {
                case "true": return new Literal(Boolean.TRUE);
                case "false": return new Literal(Boolean.FALSE);
                case "null": return new Literal(null);
                default:
                    break;
            }
            if (t.matches("-?\\d+(\\.\\d+)?")) {
                return new Literal(new BigDecimal(t));
            }
            if (t.matches("[A-Za-z_][A-Za-z0-9_.]*") && !t.equals("and") && !t.equals("or")) {
                return new Field(t);
            }
            throw new IllegalArgumentException("Unexpected '" + t + "' in condition");
        }
    }
}
