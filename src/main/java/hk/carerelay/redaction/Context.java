package hk.carerelay.redaction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The words around a candidate, as recognizers weigh them. */
final class Context {

    /**
     * Labels of clinical and administrative numbers (laboratory, accession, reference, case, bed, coding), whose
     * values look like identifiers or phone numbers but are not personal contact data.
     */
    static final Pattern CLINICAL_LABEL = Pattern.compile("(?i)(?:\\blab(?:oratory)?\\b|\\baccession\\b|\\bacc\\.?\\b"
            + "|\\bspecimen\\b|\\bsample\\b|\\bref(?:erence)?\\b|\\bcase\\b|\\bepisode\\b|\\bencounter\\b"
            + "|\\bhn\\b|\\bmrn\\b|\\bhospital\\s+no\\b|\\bpatient\\s+(?:no|number|id)\\b|\\bicd(?:-?10)?\\b"
            + "|\\bbatch\\b|\\blot\\b|\\border\\b|\\brequest\\b|\\binvoice\\b|\\breceipt\\b|\\bclaim\\b"
            + "|\\bpolicy\\b|\\bbed\\b|\\bward\\b|\\bserial\\b|\\bbarcode\\b|\\bfile\\b|\\breport\\s+no\\b"
            + "|\\bappointment\\b|\\bappt\\b|\\bbooking\\b|\\bqueue\\b|\\bticket\\b|\\badmission\\b"
            + "|\\baccount\\b|\\bmember(?:ship)?\\b|\\bstaff\\b|\\bemployee\\b|\\blicen[cs]e\\b|\\bcert(?:ificate)?\\b"
            + "|\\bprotocol\\b|\\btrial\\b|\\bcontainer\\b|\\bvoucher\\b|\\bstudy\\b|\\bregistration\\b"
            + "|\\bjob\\b|\\bcode\\b"
            + "|#|編號|單號|檔號|化驗|標本|樣本|參考|收據|病床|床號|病房|檔案|登記|預約|覆診)");

    /** Where a {@link #CLINICAL_LABEL} can start: its words, and its signs that need no word boundary. */
    static final Cue CLINICAL_WORDS = Cue.of("clinical label", Cue.WORD_START, "lab", "accession", "acc", "specimen",
            "sample", "ref", "case", "episode", "encounter", "hn", "mrn", "hospital", "patient", "icd", "batch", "lot",
            "order", "request", "invoice", "receipt", "claim", "policy", "bed", "ward", "serial", "barcode", "file",
            "report", "appointment", "appt", "booking", "queue", "ticket", "admission", "account", "member", "staff",
            "employee", "licen", "cert", "protocol", "trial", "container", "voucher", "study", "registration", "job",
            "code");
    static final Cue CLINICAL_SIGNS = Cue.of("clinical label sign", 0, "#", "編號", "單號", "檔號", "化驗", "標本", "樣本",
            "參考", "收據", "病床", "床號", "病房", "檔案", "登記", "預約", "覆診");

    private Context() {
    }

    /**
     * As {@link #lastMatchEnd(Pattern, CharSequence)} on {@code segment}, which starts at {@code segmentStart} of the
     * scanned text, for a pattern whose every match starts with a word of the cues: the pattern is tried only where
     * such a word starts in the segment, instead of at every character (-1 at once where none does). The answer is
     * the last end of a match starting at one of those words, which is where a scan of the whole segment ends too.
     */
    static int lastMatchEnd(Pattern pattern, String segment, TextScan scan, int segmentStart, Cue... cues) {
        int[] starts = scan.hitStartsIn(segmentStart, segmentStart + segment.length(), cues);
        if (starts == null) {
            return lastMatchEnd(pattern, segment);
        }
        int end = -1;
        Matcher m = null;
        for (int start : starts) {
            if (m == null) {
                m = pattern.matcher(segment);
                m.useTransparentBounds(true);
                m.useAnchoringBounds(false);
            }
            m.region(start - segmentStart, segment.length());
            if (m.lookingAt()) {
                end = Math.max(end, m.end());
            }
        }
        return end;
    }

    /** The last end of a clinical label in the segment (see {@link #lastMatchEnd(Pattern, String, TextScan, int, Cue...)}). */
    static int lastClinicalLabelEnd(String segment, TextScan scan, int segmentStart) {
        return lastMatchEnd(CLINICAL_LABEL, segment, scan, segmentStart, CLINICAL_WORDS, CLINICAL_SIGNS);
    }

    /** As {@link #nearestLabel(String, Pattern, Pattern)} against clinical labels, with the cues as a first sieve. */
    static int nearestLabel(String before, int beforeStart, TextScan scan, Pattern wanted, Cue... wantedCues) {
        int w = lastMatchEnd(wanted, before, scan, beforeStart, wantedCues);
        int u = lastClinicalLabelEnd(before, scan, beforeStart);
        if (w < 0 && u < 0) {
            return 0;
        }
        return w >= u ? 1 : -1;
    }

    /** The text on the same line before {@code pos}, at most {@code max} characters. */
    static String before(String text, int pos, int max) {
        int from = Math.max(0, pos - max);
        int newline = text.lastIndexOf('\n', pos - 1);
        if (newline >= from) {
            from = newline + 1;
        }
        return text.substring(from, pos);
    }

    /** The text on the same line after {@code pos}, at most {@code max} characters. */
    static String after(String text, int pos, int max) {
        int to = Math.min(text.length(), pos + max);
        int newline = text.indexOf('\n', pos);
        if (newline >= 0 && newline < to) {
            to = newline;
        }
        return text.substring(pos, to);
    }

    /** The nearest non-blank line above the line holding {@code pos}, or an empty string. */
    static String previousLine(String text, int pos) {
        int lineStart = text.lastIndexOf('\n', pos - 1);
        while (lineStart > 0) {
            int prevStart = text.lastIndexOf('\n', lineStart - 1) + 1;
            String line = text.substring(prevStart, lineStart);
            if (!line.isBlank()) {
                return line;
            }
            lineStart = prevStart - 1;
        }
        return "";
    }

    /** Where the last match of {@code pattern} in {@code text} ends, or -1. */
    static int lastMatchEnd(Pattern pattern, CharSequence text) {
        Matcher m = pattern.matcher(text);
        int end = -1;
        while (m.find()) {
            end = m.end();
        }
        return end;
    }

    /** What may stand between a label and its value: punctuation and "No." ("Lab No.: ", "編號：", "ref. #"). */
    private static final Pattern LABEL_TO_VALUE = Pattern.compile(
            "(?i)[\\s:：.#()（）-]*(?:(?:(?:no|nos|number|num|id)\\b\\.?|號碼|號)[\\s:：.#()（）-]*)?");

    /** Whether the last match of {@code label} in {@code before} is directly followed by the value. */
    static boolean labelAttached(String before, Pattern label) {
        int end = lastMatchEnd(label, before);
        return end >= 0 && LABEL_TO_VALUE.matcher(before.substring(end)).matches();
    }

    /**
     * Which of two kinds of label stands closest before a candidate: positive if the {@code wanted} label is nearer,
     * negative if the {@code unwanted} one is, zero if neither appears.
     */
    static int nearestLabel(String before, Pattern wanted, Pattern unwanted) {
        int w = lastMatchEnd(wanted, before);
        int u = lastMatchEnd(unwanted, before);
        if (w < 0 && u < 0) {
            return 0;
        }
        return w >= u ? 1 : -1;
    }
}
