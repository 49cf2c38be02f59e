package hk.carerelay.document;

/** Characters {@code [start, end)} of an extraction's text, for instance a name to be masked. */
public record TextSpan(int start, int end) {

    public TextSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
    }

    boolean overlaps(int from, int to) {
        return start < to && from < end;
    }
}
