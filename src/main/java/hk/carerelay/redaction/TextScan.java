package hk.carerelay.redaction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pass over a text that finds every place a recognizer may have something to say: runs of digits, line breaks,
 * and the cue words of all recognizers at once (one automaton, Aho-Corasick). Recognizers then run their patterns
 * only in windows around those places instead of over the whole text. A window must hold every match its cue could be
 * part of; then the matches found are exactly those a scan of the whole text would find.
 */
final class TextScan {

    private final String text;
    private final int[] runStarts;
    private final int[] runEnds;
    private final int runCount;
    private final int[] lineBreaks;
    private final int lineBreakCount;
    private final Map<Cue, int[]> hits;
    private final Map<Cue, int[]> sortedStarts = new IdentityHashMap<>();
    /** Every window is the whole text: the reference the windows are tested against. */
    private final boolean everywhere;

    private TextScan(String text, Keywords keywords, boolean everywhere) {
        this.text = text;
        this.everywhere = everywhere;
        int n = text.length();
        int[] starts = new int[16];
        int[] ends = new int[16];
        int runs = 0;
        int[] breaks = new int[16];
        int breakCount = 0;
        Map<Cue, IntList> found = new IdentityHashMap<>();
        int runStart = -1;
        int state = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (runStart < 0) {
                    runStart = i;
                }
            } else if (runStart >= 0) {
                if (runs == starts.length) {
                    starts = Arrays.copyOf(starts, runs * 2);
                    ends = Arrays.copyOf(ends, runs * 2);
                }
                starts[runs] = runStart;
                ends[runs++] = i;
                runStart = -1;
            }
            if (c == '\n') {
                if (breakCount == breaks.length) {
                    breaks = Arrays.copyOf(breaks, breakCount * 2);
                }
                breaks[breakCount++] = i;
            }
            state = keywords.next(state, c);
            int[] out = keywords.outputs[state];
            if (out != null) {
                for (int o = 0; o < out.length; o += 2) {
                    Cue cue = keywords.cues.get(out[o]);
                    int start = i + 1 - out[o + 1];
                    if (cue.accepts(text, start, i + 1)) {
                        found.computeIfAbsent(cue, k -> new IntList()).add(start, i + 1);
                    }
                }
            }
        }
        if (runStart >= 0) {
            if (runs == starts.length) {
                starts = Arrays.copyOf(starts, runs + 1);
                ends = Arrays.copyOf(ends, runs + 1);
            }
            starts[runs] = runStart;
            ends[runs++] = n;
        }
        this.runStarts = starts;
        this.runEnds = ends;
        this.runCount = runs;
        this.lineBreaks = breaks;
        this.lineBreakCount = breakCount;
        this.hits = new IdentityHashMap<>();
        found.forEach((cue, list) -> hits.put(cue, list.toArray()));
    }

    static TextScan of(String text, Keywords keywords) {
        return new TextScan(text, keywords, false);
    }

    /** A scan whose windows all cover the whole text, as the recognizers read it before they had cues (tests). */
    static TextScan everywhere(String text, Keywords keywords) {
        return new TextScan(text, keywords, true);
    }

    String text() {
        return text;
    }

    int runCount() {
        return runCount;
    }

    int runStart(int i) {
        return runStarts[i];
    }

    int runEnd(int i) {
        return runEnds[i];
    }

    /** Where the cue's words occur: start and end offsets, pairwise, in order of their ends. */
    int[] hits(Cue cue) {
        int[] h = hits.get(cue);
        return h == null ? new int[0] : h;
    }

    /** Whether a word of any of the cues starts in {@code [from, to)}. */
    boolean anyHitStartsIn(int from, int to, Cue... cues) {
        if (everywhere) {
            return true;
        }
        for (Cue cue : cues) {
            int[] starts = sortedStarts(cue);
            int index = firstAtOrAfter(starts, from);
            if (index < starts.length && starts[index] < to) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where words of the cues start in {@code [from, to)}, in no particular order and perhaps repeated; {@code null}
     * for a scan whose windows are the whole text, where a pattern is to be tried everywhere.
     */
    int[] hitStartsIn(int from, int to, Cue... cues) {
        if (everywhere) {
            return null;
        }
        int[] result = NONE;
        int count = 0;
        for (Cue cue : cues) {
            int[] starts = sortedStarts(cue);
            for (int i = firstAtOrAfter(starts, from); i < starts.length && starts[i] < to; i++) {
                if (count == result.length) {
                    result = Arrays.copyOf(result, Math.max(4, count * 2));
                }
                result[count++] = starts[i];
            }
        }
        return count == result.length ? result : Arrays.copyOf(result, count);
    }

    private static final int[] NONE = new int[0];

    /** Synchronized: the detector's recognizers may read one scan from two threads. */
    private synchronized int[] sortedStarts(Cue cue) {
        return sortedStarts.computeIfAbsent(cue, c -> {
            int[] h = hits(c);
            int[] s = new int[h.length / 2];
            for (int i = 0; i < s.length; i++) {
                s[i] = h[2 * i];
            }
            Arrays.sort(s);
            return s;
        });
    }

    /** The index of the first start at or after {@code from}. */
    private static int firstAtOrAfter(int[] starts, int from) {
        int i = Arrays.binarySearch(starts, from);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && starts[i - 1] == from) {
            i--;
        }
        return i;
    }

    /**
     * Runs the pattern where it can only start at a word of the cues: {@code lookingAt} at each hit, from the hit to
     * the end of the line {@code linesBelow} further down, skipping hits inside the previous match, as {@code find}
     * over the whole text would. Only for patterns whose every match starts with a word of the cues.
     */
    void findAtHits(Pattern pattern, int linesBelow, Consumer<Matcher> onMatch, Cue... cues) {
        IntList anchors = new IntList();
        for (Cue cue : cues) {
            int[] h = hits(cue);
            for (int i = 0; i < h.length; i += 2) {
                anchors.add(h[i], lineEndBelow(h[i + 1], linesBelow));
            }
        }
        if (everywhere) {
            Windows all = new Windows();
            all.find(pattern, onMatch);
            return;
        }
        int n = anchors.size() / 2;
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            packed[i] = ((long) anchors.get(2 * i) << 32) | anchors.get(2 * i + 1);
        }
        Arrays.sort(packed);
        Matcher m = pattern.matcher(text);
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        int lastEnd = 0;
        for (int i = 0; i < n; i++) {
            int start = (int) (packed[i] >>> 32);
            int limit = (int) packed[i];
            // of several anchors at one place, the one reaching furthest
            while (i + 1 < n && (int) (packed[i + 1] >>> 32) == start) {
                limit = Math.max(limit, (int) packed[++i]);
            }
            if (start < lastEnd) {
                continue;
            }
            m.region(start, limit);
            if (m.lookingAt()) {
                onMatch.accept(m);
                lastEnd = m.end();
            }
        }
    }

    /** The offset at which the line holding {@code pos} starts. */
    int lineStart(int pos) {
        int i = Arrays.binarySearch(lineBreaks, 0, lineBreakCount, pos - 1);
        int index = i >= 0 ? i : -i - 2; // the last line break before pos
        return index < 0 ? 0 : lineBreaks[index] + 1;
    }

    /** The offset at which the line holding {@code pos} ends (its line break, or the end of the text). */
    int lineEnd(int pos) {
        int i = Arrays.binarySearch(lineBreaks, 0, lineBreakCount, pos);
        int index = i >= 0 ? i : -i - 1; // the first line break at or after pos
        return index < lineBreakCount ? lineBreaks[index] : text.length();
    }

    /** The end of the line {@code lines} lines below the one holding {@code pos}. */
    int lineEndBelow(int pos, int lines) {
        int end = lineEnd(pos);
        for (int i = 0; i < lines && end < text.length(); i++) {
            end = lineEnd(end + 1);
        }
        return end;
    }

    /** Windows to run patterns in; overlapping and touching windows are merged, so no match is found twice. */
    Windows windows() {
        return new Windows();
    }

    final class Windows {

        private final IntList spans = new IntList();

        /** A window of {@code back} characters before and {@code forward} after the span, within the text. */
        Windows around(int start, int end, int back, int forward) {
            spans.add(Math.max(0, start - back), Math.min(text.length(), end + forward));
            return this;
        }

        /** A window from {@code back} characters before the span to {@code forward} after, within its line. */
        Windows aroundInLine(int start, int end, int back, int forward) {
            int from = Math.max(lineStart(start), start - back);
            int to = Math.min(lineEnd(end), (int) Math.min((long) end + forward, Integer.MAX_VALUE));
            spans.add(from, Math.max(from, to));
            return this;
        }

        /** For every hit of the cue, a window from {@code back} characters before it to {@code forward} after. */
        Windows aroundHits(Cue cue, int back, int forward) {
            int[] h = hits(cue);
            for (int i = 0; i < h.length; i += 2) {
                around(h[i], h[i + 1], back, forward);
            }
            return this;
        }

        /** For every hit of the cue, as {@link #aroundInLine} with the whole line on either side. */
        Windows linesOfHits(Cue cue) {
            int[] h = hits(cue);
            for (int i = 0; i < h.length; i += 2) {
                aroundInLine(h[i], h[i + 1], Integer.MAX_VALUE, Integer.MAX_VALUE);
            }
            return this;
        }

        /**
         * Around every line break that stands between a letter and a capital letter, where a name may go on on the
         * next line ("Tai" / "Po"): {@code back} characters before it and {@code forward} after.
         */
        Windows aroundBreaksInNames(int back, int forward) {
            for (int b = 0; b < lineBreakCount; b++) {
                int at = lineBreaks[b];
                if (at > 0 && at + 1 < text.length() && Character.isLetter(text.charAt(at - 1))
                        && Character.isUpperCase(text.charAt(at + 1))) {
                    around(at, at + 1, back, forward);
                }
            }
            return this;
        }

        /** For every hit of the cue, from the start of the line {@code linesAbove} lines further up to its own line's end. */
        Windows linesUpToHits(Cue cue, int linesAbove) {
            int[] h = hits(cue);
            for (int i = 0; i < h.length; i += 2) {
                int from = lineStart(h[i]);
                for (int k = 0; k < linesAbove && from > 0; k++) {
                    from = lineStart(from - 1);
                }
                spans.add(from, lineEnd(h[i + 1]));
            }
            return this;
        }

        /** For every hit of the cue, from the hit to the end of the line {@code linesBelow} lines further down. */
        Windows fromHitsDown(Cue cue, int linesBelow) {
            int[] h = hits(cue);
            for (int i = 0; i < h.length; i += 2) {
                spans.add(h[i], lineEndBelow(h[i + 1], linesBelow));
            }
            return this;
        }

        /** For every hit of the cue, from the start of its line to the end of the line {@code linesBelow} further. */
        Windows linesDown(Cue cue, int linesBelow) {
            int[] h = hits(cue);
            for (int i = 0; i < h.length; i += 2) {
                spans.add(lineStart(h[i]), lineEndBelow(h[i + 1], linesBelow));
            }
            return this;
        }

        /** Runs the pattern in every window, in order, and hands each match over. */
        void find(Pattern pattern, Consumer<Matcher> onMatch) {
            int[] merged = merged();
            if (merged.length == 0) {
                return;
            }
            Matcher m = pattern.matcher(text);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            for (int i = 0; i < merged.length; i += 2) {
                m.region(merged[i], merged[i + 1]);
                while (m.find()) {
                    onMatch.accept(m);
                }
            }
        }

        private int[] merged() {
            if (everywhere) {
                return new int[] {0, text.length()};
            }
            int n = spans.size() / 2;
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                packed[i] = ((long) spans.get(2 * i) << 32) | spans.get(2 * i + 1);
            }
            Arrays.sort(packed);
            IntList out = new IntList();
            int curStart = -1;
            int curEnd = -1;
            for (long p : packed) {
                int s = (int) (p >>> 32);
                int e = (int) p;
                if (curStart >= 0 && s <= curEnd) {
                    curEnd = Math.max(curEnd, e);
                } else {
                    if (curStart >= 0) {
                        out.add(curStart, curEnd);
                    }
                    curStart = s;
                    curEnd = e;
                }
            }
            if (curStart >= 0) {
                out.add(curStart, curEnd);
            }
            return out.toArray();
        }
    }

    /**
     * The cue words of a set of recognizers as one Aho-Corasick automaton. ASCII letters are folded to lower case;
     * transitions on ASCII characters are a table, others a map.
     */
    static final class Keywords {

        private static final int ASCII = 128;

        private final List<Cue> cues;
        private int[] ascii;
        private final Map<Long, Integer> other = new HashMap<>();
        private int[] fail;
        private int[][] outputs;
        private int size;

        Keywords(Collection<Cue> cueSet) {
            this.cues = List.copyOf(new LinkedHashSet<>(cueSet));
            ascii = new int[ASCII * 64];
            Arrays.fill(ascii, -1);
            size = 1;
            List<List<int[]>> own = new ArrayList<>();
            own.add(new ArrayList<>());
            for (int c = 0; c < cues.size(); c++) {
                for (String word : cues.get(c).words()) {
                    int state = 0;
                    for (int i = 0; i < word.length(); i++) {
                        char ch = fold(word.charAt(i));
                        int next = child(state, ch);
                        if (next < 0) {
                            next = newState(own);
                            setChild(state, ch, next);
                        }
                        state = next;
                    }
                    own.get(state).add(new int[] {c, word.length()});
                }
            }
            fail = new int[size];
            outputs = new int[size][];
            // breadth first: failure links, outputs through them, and the full table for ASCII characters
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            outputs[0] = flatten(own.get(0), null);
            for (int ch = 0; ch < ASCII; ch++) {
                int s = ascii[ch];
                if (s < 0) {
                    ascii[ch] = 0;
                } else {
                    fail[s] = 0;
                    queue.add(s);
                }
            }
            other.forEach((key, s) -> {
                if (key >>> 16 == 0) {
                    fail[s] = 0;
                    queue.add(s);
                }
            });
            Map<Integer, List<Map.Entry<Character, Integer>>> otherChildren = new HashMap<>();
            other.forEach((key, s) -> otherChildren.computeIfAbsent((int) (key >>> 16), k -> new ArrayList<>())
                    .add(Map.entry((char) (key & 0xFFFF), s)));
            boolean[] seen = new boolean[size];
            seen[0] = true;
            while (!queue.isEmpty()) {
                int s = queue.poll();
                if (seen[s]) {
                    continue;
                }
                seen[s] = true;
                outputs[s] = flatten(own.get(s), outputs[fail[s]]);
                for (int ch = 0; ch < ASCII; ch++) {
                    int t = ascii[s * ASCII + ch];
                    if (t < 0) {
                        ascii[s * ASCII + ch] = ascii[fail[s] * ASCII + ch];
                    } else {
                        fail[t] = ascii[fail[s] * ASCII + ch];
                        queue.add(t);
                    }
                }
                for (Map.Entry<Character, Integer> e : otherChildren.getOrDefault(s, List.of())) {
                    fail[e.getValue()] = next(fail[s], e.getKey());
                    queue.add(e.getValue());
                }
            }
        }

        /** The state after reading {@code c} in state {@code state}. */
        int next(int state, char c) {
            if (c < ASCII) {
                return ascii[state * ASCII + fold(c)];
            }
            int s = state;
            while (true) {
                Integer t = other.get(((long) s << 16) | c);
                if (t != null) {
                    return t;
                }
                if (s == 0) {
                    return 0;
                }
                s = fail[s];
            }
        }

        private int child(int state, char ch) {
            if (ch < ASCII) {
                return ascii[state * ASCII + ch];
            }
            Integer t = other.get(((long) state << 16) | ch);
            return t == null ? -1 : t;
        }

        private void setChild(int state, char ch, int next) {
            if (ch < ASCII) {
                ascii[state * ASCII + ch] = next;
            } else {
                other.put(((long) state << 16) | ch, next);
            }
        }

        private int newState(List<List<int[]>> own) {
            if ((size + 1) * ASCII > ascii.length) {
                int old = ascii.length;
                ascii = Arrays.copyOf(ascii, old * 2);
                Arrays.fill(ascii, old, ascii.length, -1);
            }
            own.add(new ArrayList<>());
            return size++;
        }

        private static int[] flatten(List<int[]> own, int[] inherited) {
            if (own.isEmpty()) {
                return inherited;
            }
            int extra = inherited == null ? 0 : inherited.length;
            int[] out = new int[own.size() * 2 + extra];
            for (int i = 0; i < own.size(); i++) {
                out[2 * i] = own.get(i)[0];
                out[2 * i + 1] = own.get(i)[1];
            }
            if (inherited != null) {
                System.arraycopy(inherited, 0, out, own.size() * 2, extra);
            }
            return out;
        }

        private static char fold(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
    }

    /** A growable list of ints. */
    static final class IntList {

        private int[] values = new int[16];
        private int size;

        void add(int a, int b) {
            if (size + 2 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = a;
            values[size++] = b;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    static Set<Cue> union(Collection<? extends Collection<Cue>> lists) {
        Set<Cue> all = new LinkedHashSet<>();
        lists.forEach(all::addAll);
        return all;
    }
}
