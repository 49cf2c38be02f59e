package hk.carerelay.redaction;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Personal names where the document says it is one: after a title (Mr, Ms, Dr...), after a label (Name, Patient,
 * Re, Dear...), and in Chinese after 姓名 or before 先生, 女士, 醫生 and the like, starting with a common Hong Kong
 * surname. Names are kept by default; they are found so that a policy can mask them.
 */
@Component
class NameRecognizer extends ScanningRecognizer {

    private static final String TOKEN = "(?:[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]*)?|[A-Z]{2,}(?:-[A-Z]+)?)";
    private static final Pattern TITLED = Pattern.compile(
            "\\b(?:Mr|Mrs|Ms|Miss|Mdm|Madam|Dr|Prof|Sister|Sr|Nurse|MR|MRS|MS|MISS|MDM|DR|PROF)\\.? ("
                    + TOKEN + "(?: " + TOKEN + "){0,3})");
    private static final Pattern LABELLED = Pattern.compile("(?i:patient(?:'s)?\\s+name|name\\s+of\\s+patient"
            + "|\\bname|\\bpatient|\\bre|\\bdear|referred\\s+by|referring\\s+doctor|attending\\s+doctor|\\bdoctor"
            + "|physician|consultant|signed(?:\\s+by)?|next\\s+of\\s+kin|\\bnok|contact\\s+person|informant|carer)"
            + "\\s*[:：]\\s*(?:(?:Mr|Mrs|Ms|Miss|Mdm|Madam|Dr|Prof)\\.?\\s)?(" + TOKEN + "(?:,? " + TOKEN + "){1,3})");
    /** A name in a letter's salutation or signature, or named as a relative. */
    private static final Pattern IN_LETTER = Pattern.compile("\\bDear (" + TOKEN + "),"
            + "|(?i:yours\\s+(?:sincerely|faithfully|truly)|(?:best\\s+|kind\\s+)?regards),?[ \\t]*\\n"
            + "(?:[ \\t]*\\n){0,3}[ \\t]*(?:Dr\\.? )?(" + TOKEN + "(?: " + TOKEN + "){1,3})[ \\t]*(?=\\n|$)"
            + "|\\b(?i:daughter|son|wife|husband|niece|nephew|brother|mother|father|carer|friend|neighbour|spouse"
            + "|employer)\\s+(?:(?:Mr|Mrs|Ms|Miss)\\.? )?(" + TOKEN + "(?: " + TOKEN + "){1,3})"
            + "|\\b(?:née|nee) (" + TOKEN + ")\\b");
    private static final String SURNAMES = "(?:歐陽|司徒|上官|諸葛|[陳李張黃何林梁吳王劉蔡楊鄭謝郭曾馮羅周葉鄧蘇許朱潘麥余盧容袁莫馬鍾胡"
            + "區譚杜岑姚鄺彭趙廖傅沈施范方丁孫崔洪江高石戴程鄒龐萬植文雷柯冼甘韋賴古伍翁莊邱蕭湯駱溫聶薛閻嚴蔣黎任宋鮑簡源關凌賀邵孔車湛陸魏屈史尹游"
            + "練])";
    /** Romanised Hong Kong surnames, for the usual "CHAN Tai Man" spelling with the surname in capitals. */
    private static final String ROMANISED = String.join("|", "CHAN", "WONG", "LEE", "LI", "CHEUNG", "CHEONG", "HO",
            "LAM", "LIN", "LEUNG", "NG", "NGAI", "LAU", "LIU", "TSANG", "YEUNG", "CHENG", "TSE", "KWOK", "FUNG", "LAW",
            "LO", "LOH", "CHOW", "YIP", "TANG", "SO", "HUI", "CHU", "POON", "MAK", "YU", "YUE", "YUEN", "MOK", "MA",
            "CHUNG", "AU", "TAM", "CHOI", "SIU", "KWAN", "KWONG", "CHIU", "CHEUK", "FONG", "KONG", "LAI", "LUK", "MAN",
            "SZE", "TO", "TSUI", "WAN", "WU", "YAU", "YIM", "YUNG", "PANG", "CHIANG", "CHING", "CHONG", "HON", "HUNG",
            "KO", "KU", "KAM", "LUI", "NGAN", "SIN", "SHUM", "SUEN", "TAI", "TIN", "TONG", "TSOI", "WAI",
            "WING", "YAM", "AU-YEUNG", "AUYEUNG", "SZETO", "SHEK", "SHIU", "TUNG", "WAT", "KAN", "KEUNG",
            "KUNG", "LING", "LOK", "MUI", "NGO", "PUN", "TSUNG", "YING");
    private static final Pattern ROMANISED_NAME = Pattern.compile(
            "\\b(?:" + ROMANISED + ")(?: [A-Z][a-z]+(?:-[a-z]+)?){1,2}\\b");
    private static final Pattern CHINESE_TITLED = Pattern.compile(
            "(" + SURNAMES + "\\p{IsHan}{1,2})(?=先生|女士|小姐|太太|醫生|醫師|教授|姑娘)");
    private static final Pattern CHINESE_LABELLED = Pattern.compile(
            "(?:姓名|病人|患者|聯絡人|親屬|簽署|醫生|醫師)\\s*[:：]\\s*(" + SURNAMES + "\\p{IsHan}{1,2})(?=先生|女士|小姐|[^\\p{IsHan}]|$)");
    /** A Chinese name written right after the same person's English name: "YIM Hon Wing 嚴漢榮". */
    private static final Pattern CHINESE_AFTER_ENGLISH = Pattern.compile(
            "^[ 　]?[（(]?(" + SURNAMES + "\\p{IsHan}{1,2})(?!\\p{IsHan})");
    /** Capitalised words that follow a name but are not part of it. */
    private static final Set<String> NOT_NAME = Set.of("Clinic", "Hospital", "Medical", "Centre", "Center",
            "Department", "Dept", "Ward", "Unit", "Road", "Street", "Block", "Flat", "Room", "Tel", "Fax", "Phone",
            "Mobile", "HKID", "DOB", "Age", "Sex", "Male", "Female", "Specialist", "Consultant", "Family", "Medicine",
            "Hong", "Kong", "Kowloon", "MBBS", "FHKAM", "FRCP", "MRCP", "FHKCP", "FHKCFP", "MD", "PhD", "HK", "GOPC",
            "SOPC", "Passport", "Email", "Dear", "Thank", "Thanks", "Yours", "Regards", "Re", "The", "This", "Please",
            "Diagnosis", "History", "Address", "Date", "Ref");

    private static final Cue TITLE = Cue.of("title", Cue.WORD_START, "mr", "mrs", "ms", "miss", "mdm", "madam", "dr",
            "prof", "sister", "sr", "nurse");
    private static final Cue LABEL = Cue.of("name label", 0, "name", "patient", "physician", "consultant", "signed", "next",
            "contact", "informant", "carer", "referred", "referring", "attending");
    private static final Cue LABEL_WORD = Cue.of("name label word", Cue.WORD_START, "dear", "doctor", "nok");
    private static final Cue RE = Cue.of("re:", Cue.WORD_START | Cue.COLON_AFTER, "re");
    private static final Cue SALUTATION = Cue.of("salutation", Cue.WORD_START, "dear", "née", "nee");
    private static final Cue CLOSING = Cue.of("closing", 0, "yours", "regards");
    private static final Cue RELATION = Cue.of("relation", Cue.WORD_START, "daughter", "son", "wife", "husband",
            "niece", "nephew", "brother", "mother", "father", "carer", "friend", "neighbour", "spouse", "employer");
    private static final Cue SURNAME = new Cue("romanised surname", List.of(ROMANISED.split("\\|")),
            Cue.WORD_START | Cue.UPPER);
    private static final Cue CHINESE_TITLE = Cue.of("Chinese title", 0, "先生", "女士", "小姐", "太太", "醫生", "醫師",
            "教授", "姑娘");
    private static final Cue CHINESE_LABEL = Cue.of("Chinese name label", 0, "姓名", "病人", "患者", "聯絡人", "親屬",
            "簽署", "醫生", "醫師");
    private static final List<Cue> CUES = List.of(TITLE, LABEL, LABEL_WORD, RE, SALUTATION, CLOSING, RELATION, SURNAME,
            CHINESE_TITLE, CHINESE_LABEL);

    @Override
    public PiiType type() {
        return PiiType.NAME;
    }

    @Override
    List<Cue> cues() {
        return CUES;
    }

    @Override
    List<Finding> recognize(TextScan scan) {
        String text = scan.text();
        List<Finding> found = new ArrayList<>();
        // most patterns start with a cue word, so they are tried only where one stands
        addEnglish(text, each -> scan.findAtHits(TITLED, 0, each, TITLE), 0.85, "capitalised words after a title",
                found);
        // the colon and the name may stand on the lines below the label
        addEnglish(text, each -> scan.findAtHits(LABELLED, 3, each, LABEL, LABEL_WORD, RE), 0.9,
                "capitalised words after a name label", found);
        // "Best regards," may start its line before the closing word; the signature stands up to five lines below
        addGroups(text, each -> scan.windows().fromHitsDown(SALUTATION, 0).linesDown(CLOSING, 5)
                .fromHitsDown(RELATION, 1).find(IN_LETTER, each), 0.75,
                "capitalised words in a salutation, signature or after a relation", found);
        addWhole(text, each -> scan.findAtHits(ROMANISED_NAME, 0, each, SURNAME), 0.8,
                "capitalised Hong Kong surname and given name", found);
        add(text, each -> scan.windows().aroundHits(CHINESE_TITLE, 4, 0).find(CHINESE_TITLED, each), 0.85,
                "Chinese surname and given name before a title", found);
        add(text, each -> scan.findAtHits(CHINESE_LABELLED, 2, each, CHINESE_LABEL), 0.9,
                "Chinese name after a name label", found);
        List<Finding> more = new ArrayList<>();
        for (Finding f : found) {
            Matcher m = CHINESE_AFTER_ENGLISH.matcher(text).region(f.end(), Math.min(text.length(), f.end() + 8));
            if (m.lookingAt() && !Character.isIdeographic(f.text().codePointAt(0))) {
                more.add(Finding.of(type(), text, m.start(1), m.end(1), f.confidence() - 0.05,
                        "Chinese name right after an English name"));
            }
        }
        found.addAll(more);
        found.addAll(elsewhere(text, found));
        return distinct(found);
    }

    /** One finding per span, the most confident, since several patterns often match the same name. */
    private static List<Finding> distinct(List<Finding> found) {
        Map<Long, Finding> bySpan = new LinkedHashMap<>();
        for (Finding f : found) {
            bySpan.merge(((long) f.start() << 32) | f.end(), f, (a, b) -> a.confidence() >= b.confidence() ? a : b);
        }
        return new ArrayList<>(bySpan.values());
    }

    /**
     * Other occurrences of a full name found once ("From: Dr Angela Ip" ... "Angela Ip" as the signature). Only
     * names of two or more words, or two or more Chinese characters: a lone surname is too often also a place or word.
     */
    private List<Finding> elsewhere(String text, List<Finding> found) {
        List<Finding> more = new ArrayList<>();
        BitSet known = new BitSet(text.length());
        found.forEach(f -> known.set(f.start(), f.end()));
        found.stream().map(Finding::text).distinct()
                .filter(n -> n.contains(" ") || (n.length() >= 2 && Character.isIdeographic(n.codePointAt(0))))
                .forEach(name -> {
                    boolean han = Character.isIdeographic(name.codePointAt(0));
                    for (int at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
                        int start = at;
                        int end = at + name.length();
                        boolean whole = han || ((start == 0 || !Character.isLetterOrDigit(text.charAt(start - 1)))
                                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end))));
                        // a character of the span already in a name found
                        boolean overlaps = known.nextSetBit(start) >= 0 && known.nextSetBit(start) < end;
                        if (whole && !overlaps) {
                            more.add(Finding.of(type(), text, start, end, 0.8,
                                    "same name as found elsewhere in the text"));
                            known.set(start, end);
                        }
                    }
                });
        return more;
    }

    private void addEnglish(String text, Consumer<Consumer<Matcher>> matches, double confidence, String reason,
            List<Finding> found) {
        matches.accept(m -> {
            int start = m.start(1);
            int end = start;
            int at = start;
            boolean first = true;
            for (String token : m.group(1).split(" ")) {
                String word = token.endsWith(",") ? token.substring(0, token.length() - 1) : token;
                if (NOT_NAME.contains(word) || NOT_NAME.contains(capitalise(word))) {
                    break;
                }
                end = at + word.length();
                at += token.length() + 1;
                // a comma ends the name, except after a surname written first ("TSUI, MAN KIT")
                if (!first && token.endsWith(",")) {
                    break;
                }
                first = false;
            }
            if (end > start) {
                found.add(Finding.of(type(), text, start, end, confidence, reason));
            }
        });
    }

    private void addGroups(String text, Consumer<Consumer<Matcher>> matches, double confidence, String reason,
            List<Finding> found) {
        matches.accept(m -> {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null && !NOT_NAME.contains(m.group(g).split(" ")[0])) {
                    found.add(Finding.of(type(), text, m.start(g), m.end(g), confidence, reason));
                }
            }
        });
    }

    private void addWhole(String text, Consumer<Consumer<Matcher>> matches, double confidence, String reason,
            List<Finding> found) {
        matches.accept(m -> found.add(Finding.of(type(), text, m.start(), m.end(), confidence, reason)));
    }

    private void add(String text, Consumer<Consumer<Matcher>> matches, double confidence, String reason,
            List<Finding> found) {
        matches.accept(m -> found.add(Finding.of(type(), text, m.start(1), m.end(1), confidence, reason)));
    }

    private static String capitalise(String token) {
        return token.length() < 2 ? token : token.charAt(0) + token.substring(1).toLowerCase();
    }
}
