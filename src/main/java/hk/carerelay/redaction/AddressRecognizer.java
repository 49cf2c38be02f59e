package hk.carerelay.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * Hong Kong postal addresses in English and Chinese. The text is scanned for address parts (flat or room, floor,
 * block, estate or building, street with or without a number, district or area, region; 室, 樓, 座, 號, 邨, 苑,
 * 街, 道 and districts in Chinese). Parts that follow one another, separated only by commas, spaces, a line break or
 * one short name, form a group. A group is an address when it holds a part that only addresses have (a flat, a floor,
 * a numbered street, an estate) and enough other evidence, or when an address label precedes it. The span runs over
 * the whole group, and back to the start of its line over a leading building name.
 */
@Component
class AddressRecognizer extends ScanningRecognizer {

    private enum Kind {
        SPECIFIC, SUPPORTING, HOSPITAL_LOCATION
    }

    /** Where an atom can match: which windows of a scanned text to read. */
    private interface Where {
        void add(TextScan scan, TextScan.Windows windows);
    }

    /**
     * A tolerant atom reads a part as OCR or line wrapping broke it up; it counts only where its match holds a line
     * break, and findings that hold one say so.
     */
    private record Atom(Pattern pattern, Kind kind, int weight, Where where, boolean tolerant) {
        Atom(Pattern pattern, Kind kind, int weight, Where where) {
            this(pattern, kind, weight, where, false);
        }
    }

    private record Part(int start, int end, Kind kind, int weight, boolean tolerant) {
    }

    private static final String WORD = "(?:[A-Z][A-Za-z'’]*(?:-[A-Za-z]+)*)";
    private static final String STREET = titleAndUpper("Road", "Rd", "Street", "St", "Avenue", "Ave", "Lane", "Path",
            "Drive", "Terrace", "Crescent", "Circuit", "Square", "Boulevard", "Highway", "Praya", "Rise", "Walk")
            + "\\.?";
    private static final String DIRECTION = titleAndUpper("East", "West", "Central", "North", "South", "Upper",
            "Lower");
    private static final String NUMBER = "(?:No\\.? ?)?[0-9]{1,4}[A-Z]?(?: ?[-–&] ?[0-9]{1,4}[A-Z]?)?";
    private static final List<String> AREA_NAMES = List.of("Central and Western", "Central & Western", "Wan Chai", "Wanchai",
            "Eastern District", "Southern District", "Yau Tsim Mong", "Sham Shui Po", "Kowloon City", "Wong Tai Sin",
            "Kwun Tong", "Kwai Tsing", "Tsuen Wan", "Tuen Mun", "Yuen Long", "North District", "Tai Po", "Sha Tin",
            "Shatin", "Sai Kung", "Islands District", "Central", "Sheung Wan", "Sai Ying Pun", "Kennedy Town",
            "Mid-Levels", "Mid Levels", "The Peak", "Causeway Bay", "Happy Valley", "Tai Hang", "North Point",
            "Quarry Bay", "Tai Koo", "Taikoo Shing", "Shau Kei Wan", "Chai Wan", "Siu Sai Wan", "Aberdeen",
            "Ap Lei Chau", "Pok Fu Lam", "Stanley", "Repulse Bay", "Wong Chuk Hang", "Tsim Sha Tsui", "Jordan",
            "Yau Ma Tei", "Mong Kok", "Mongkok", "Prince Edward", "Tai Kok Tsui", "Cheung Sha Wan", "Lai Chi Kok",
            "Mei Foo", "Shek Kip Mei", "Hung Hom", "To Kwa Wan", "Ho Man Tin", "Kowloon Tong", "Kowloon Bay",
            "Ngau Tau Kok", "Lam Tin", "Yau Tong", "San Po Kong", "Diamond Hill", "Tsz Wan Shan", "Lok Fu",
            "Wang Tau Hom", "Kwai Chung", "Kwai Fong", "Tsing Yi", "Tin Shui Wai", "Sheung Shui", "Fanling",
            "Tai Wai", "Ma On Shan", "Fo Tan", "Tseung Kwan O", "Hang Hau", "Po Lam", "Tung Chung", "Lantau",
            "Cheung Chau", "Lamma Island", "Discovery Bay", "Tai Wo", "Kam Tin", "Sham Tseng", "Ma Wan",
            "Lai King", "Wu Kai Sha", "Tai Po Market", "Sai Wan Ho", "Heng Fa Chuen", "Lei Tung", "Tin Hau",
            "Pat Heung", "Ha Tsuen", "San Tin", "Lau Fau Shan", "Ta Kwu Ling", "Sha Tau Kok", "Lok Ma Chau", "Au Tau",
            "Shek Kong", "Ping Shan", "Hung Shui Kiu", "Lam Tsuen", "Tai Mei Tuk", "Sai Kung Town", "Clear Water Bay",
            "Mui Wo", "Tai O", "Peng Chau", "Lamma", "So Kwun Wat", "Siu Lam", "Tsing Lung Tau");
    private static final String AREAS = AREA_NAMES.stream()
            .flatMap(a -> Stream.of(a, a.toUpperCase()))
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .collect(Collectors.joining("|", "(?:", ")"));
    private static final String HAN_AREAS = String.join("|", "中西區", "灣仔", "東區", "南區", "油尖旺", "深水埗",
            "九龍城", "黃大仙", "觀塘", "葵青", "荃灣", "屯門", "元朗", "北區", "大埔", "沙田", "西貢", "離島", "中環", "上環",
            "西營盤", "堅尼地城", "半山", "銅鑼灣", "跑馬地", "北角", "鰂魚涌", "太古", "筲箕灣", "柴灣", "小西灣", "香港仔",
            "鴨脷洲", "薄扶林", "赤柱", "黃竹坑", "尖沙咀", "佐敦", "油麻地", "旺角", "太子", "大角咀", "長沙灣", "荔枝角",
            "美孚", "石硤尾", "紅磡", "土瓜灣", "何文田", "九龍塘", "九龍灣", "牛頭角", "藍田", "油塘", "新蒲崗", "鑽石山",
            "慈雲山", "樂富", "橫頭磡", "葵涌", "葵芳", "青衣", "天水圍", "上水", "粉嶺", "大圍", "馬鞍山", "火炭", "將軍澳",
            "坑口", "寶琳", "東涌", "大嶼山", "長洲", "南丫島", "愉景灣", "西灣河", "杏花邨", "大坑", "天后", "石門", "小瀝源");

    /** The names of more than one word, as a line break may divide them ("Tai" / "Po"). */
    private static final String AREAS_BROKEN = AREA_NAMES.stream()
            .filter(a -> a.contains(" "))
            .flatMap(a -> Stream.of(a, a.toUpperCase()))
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(a -> Pattern.quote(a).replace(" ", "\\E[ \\n]\\Q"))
            .collect(Collectors.joining("|", "(?:", ")"));
    /** The longest of those names, and so how far a window around a line break must reach on either side. */
    private static final int LONGEST_AREA = AREA_NAMES.stream().mapToInt(String::length).max().orElse(0);

    /**
     * A character of a Chinese street, estate or building name. Chinese has no spaces between words, so the words that
     * usually lead into an address (現居於, 住在, 送往) are kept out of the name.
     */
    private static final String HAN_NAME = "(?:(?![於在住居至到往及和與送轉])\\p{IsHan})";

    private static final Cue UNIT = Cue.of("flat or room", Cue.WORD_START, "flat", "rm", "room", "unit", "suite", "shop",
            "apartment", "apt");
    private static final Cue HOUSE = Cue.of("house", Cue.WORD_START, "house");
    private static final Cue LOT = Cue.of("demarcation district", Cue.WORD_START, "dd", "d.d", "d d", "d. d");
    private static final Cue SLASH = Cue.of("floor slash", 0, "/");
    private static final Cue FLOOR = Cue.of("floor", Cue.WORD_START, "floor", "flr");
    private static final Cue BLOCK = Cue.of("block", Cue.WORD_START, "block", "blk", "tower", "phase", "wing");
    private static final Cue STREET_WORD = Cue.of("street", Cue.WORD_START | Cue.WORD_END, "road", "rd", "street",
            "st", "avenue", "ave", "lane", "path", "drive", "terrace", "crescent", "circuit", "square", "boulevard",
            "highway", "praya", "rise", "walk");
    private static final Cue ESTATE = Cue.of("estate", Cue.WORD_START | Cue.WORD_END, "estate", "village", "chuen",
            "tsuen");
    private static final Cue BUILDING = Cue.of("building", Cue.WORD_START, "court", "garden", "building", "bldg",
            "mansion", "centre", "center", "plaza", "villa", "heights", "lodge", "place", "tower", "house", "hall",
            "city", "park", "arcade", "castle", "mall");
    private static final Cue AREA = new Cue("area", AREA_NAMES, Cue.WORD_START);
    private static final Cue REGION = Cue.of("region", Cue.WORD_START, "kowloon", "kln", "hong kong", "new territories",
            "n.t", "nt", "h.k", "hk");
    private static final Cue REGION_BROKEN = Cue.of("region over a line break", Cue.WORD_START | Cue.WORD_END, "hong",
            "new");
    private static final Cue HOSPITAL = Cue.of("hospital location", Cue.WORD_START, "ward", "bed", "cubicle",
            "theatre", "bay");
    private static final Cue HAN_NUMBER = Cue.of("號", 0, "號");
    private static final Cue HAN_ESTATE = Cue.of("邨", 0, "邨", "村", "苑");
    private static final Cue HAN_FLOOR = Cue.of("樓", 0, "樓", "地下", "地庫");
    private static final Cue HAN_SHOP = Cue.of("舖", 0, "舖", "鋪");
    private static final Cue HAN_ROOM = Cue.of("室", 0, "室");
    private static final Cue HAN_BLOCK = Cue.of("座", 0, "座");
    private static final Cue HAN_BUILDING = Cue.of("大廈", 0, "大廈", "中心", "廣場", "花園", "山莊", "閣", "樓", "軒", "城",
            "園");
    private static final Cue HAN_PHASE = Cue.of("期", 0, "期");
    private static final Cue HAN_AREA = new Cue("Chinese area", Stream.concat(Stream.of("香港", "九龍", "新界"),
            Stream.of(HAN_AREAS.split("\\|"))).toList(), 0);
    private static final Cue HAN_HOSPITAL = Cue.of("病房", 0, "病房", "病床", "床位", "號床", "號房");

    private static final List<Atom> ATOMS = List.of(
            new Atom(Pattern.compile("\\b"
                    + titleAndUpper("Flat", "Rm", "Room", "Unit", "Suite", "Shop", "Apartment", "Apt")
                    + "\\.? ?(?:[A-Z]|[0-9]{1,4}[A-Z]?)(?: ?[-&] ?(?:[A-Z]|[0-9]{1,4}[A-Z]?))?\\b(?!/)"), Kind.SPECIFIC,
                    3, (scan, w) -> w.aroundHits(UNIT, 0, 20)),
            new Atom(Pattern.compile("\\b" + titleAndUpper("House") + " ?[0-9]{1,4}[A-Z]?\\b(?!/)"), Kind.SPECIFIC, 3,
                    (scan, w) -> w.aroundHits(HOUSE, 0, 8)),
            // New Territories land lots: Demarcation District and lot number
            new Atom(Pattern.compile("\\bD\\.? ?D\\.? ?[0-9]{1,3}(?:,? " + titleAndUpper("Lot")
                    + "\\.?(?: No\\.?)? ?[0-9]{1,5}[A-Z]?)?\\b"), Kind.SPECIFIC, 3,
                    (scan, w) -> w.aroundHits(LOT, 0, 40)),
            new Atom(Pattern.compile("\\b(?:[0-9]{1,3}|G|LG|UG|M) ?/ ?F\\b|\\b[0-9]{1,3}(?:st|nd|rd|th|ST|ND|RD|TH)? "
                    + titleAndUpper("Floor", "Flr") + "\\b|\\b"
                    + titleAndUpper("Ground", "Upper Ground", "Lower Ground") + " " + titleAndUpper("Floor") + "\\b"),
                    Kind.SPECIFIC, 3, (scan, w) -> w.aroundHits(SLASH, 5, 4).aroundHits(FLOOR, 14, 0)),
            new Atom(Pattern.compile("\\b" + titleAndUpper("Block", "Blk", "Tower", "Phase", "Wing")
                    + "\\.? ?(?:[A-Z]{1,2}|[0-9]{1,2}[A-Z]?)\\b"), Kind.SUPPORTING, 2,
                    (scan, w) -> w.aroundHits(BLOCK, 0, 6)),
            // words of any length before the street: the whole line
            new Atom(Pattern.compile("\\b" + NUMBER + ",? (?:" + WORD + " ){1,5}?" + STREET + "(?: " + DIRECTION
                    + ")?(?![A-Za-z])"), Kind.SPECIFIC, 3, (scan, w) -> w.linesOfHits(STREET_WORD)),
            new Atom(Pattern.compile("\\b(?:" + WORD + " ){1,4}?" + STREET + "(?: " + DIRECTION + ")?(?![A-Za-z])"),
                    Kind.SUPPORTING, 1, (scan, w) -> w.linesOfHits(STREET_WORD)),
            new Atom(Pattern.compile("\\b(?:" + WORD + " ){1,4}" + titleAndUpper("Estate", "Village", "Chuen", "Tsuen")
                    + "\\b(?! Wan| WAN)"), Kind.SPECIFIC, 3, (scan, w) -> w.linesOfHits(ESTATE)),
            // OCR of a scan breaks lines where the page had none and adds blank lines ("Tower 4, Cheung" / "" /
            // "Hong Estate"): an estate's name may run on from the line above when it starts there after a flat, floor,
            // tower or block and a comma ("Tower 4, ", "Block B, ", "7/F, "), not after other words or numbers
            // ("HT, Hyperlipidaemia", "12/03/2024, Diabetes")
            new Atom(Pattern.compile("(?<=(?i:flat|rm|room|unit|tower|block|blk|phase|wing|house|floor|/f)"
                    + "(?: [0-9]{1,4}[A-Z]?| [A-Z])?[,，] )(?:" + WORD + " ){0,2}" + WORD
                    + "[ \\t]*\\n(?:[ \\t]*\\n)?(?:" + WORD + " ){0,3}" + titleAndUpper("Estate", "Village", "Chuen", "Tsuen")
                    + "\\b(?! Wan| WAN)"), Kind.SPECIFIC, 3, (scan, w) -> w.linesUpToHits(ESTATE, 2), true),
            new Atom(Pattern.compile("\\b(?:" + WORD + " ){1,5}" + titleAndUpper("Court", "Garden", "Gardens",
                    "Building", "Bldg", "Mansion", "Mansions", "Centre", "Center", "Plaza", "Villa", "Villas",
                    "Heights", "Lodge", "Place", "Tower", "Towers", "House", "Hall", "City", "Park", "Arcade", "Castle",
                    "Mall")
                    + "\\b"), Kind.SUPPORTING, 1, (scan, w) -> w.linesOfHits(BUILDING)),
            new Atom(Pattern.compile("\\b" + AREAS + "(?![A-Za-z])"), Kind.SUPPORTING, 1,
                    (scan, w) -> w.aroundHits(AREA, 0, 0)),
            // a line break where the page had a space: wrapped lines, and OCR's own breaks ("30 Canton" / "Road",
            // "Hong" / "Kong"); counted only where the match holds one
            new Atom(Pattern.compile("\\b" + NUMBER + ",?[ \\n](?:" + WORD + "[ \\n]){1,5}?" + STREET + "(?: "
                    + DIRECTION + ")?(?![A-Za-z])"), Kind.SPECIFIC, 3, (scan, w) -> w.linesUpToHits(STREET_WORD, 6),
                    true),
            new Atom(Pattern.compile("\\b" + AREAS_BROKEN + "(?![A-Za-z])"), Kind.SUPPORTING, 1,
                    (scan, w) -> w.aroundBreaksInNames(LONGEST_AREA, LONGEST_AREA), true),
            new Atom(Pattern.compile("\\b(?:Hong\\nKong|HONG\\nKONG|New\\nTerritories|NEW\\nTERRITORIES)\\b"),
                    Kind.SUPPORTING, 1, (scan, w) -> w.aroundHits(REGION_BROKEN, 0, 13), true),
            new Atom(Pattern.compile("\\b(?:Kowloon|KOWLOON|Kln|KLN|Hong Kong Island|Hong Kong|HONG KONG|"
                    + "New Territories|NEW TERRITORIES|N\\.T\\.?|NT|H\\.K\\.?|HK)(?![-$\\w])"), Kind.SUPPORTING, 1,
                    (scan, w) -> w.aroundHits(REGION, 0, 8)),
            new Atom(Pattern.compile("\\b" + titleAndUpper("Ward", "Bed", "Cubicle", "Theatre", "Bay")
                    + " ?[0-9]{1,3}[A-Z]?\\b"), Kind.HOSPITAL_LOCATION, -10, (scan, w) -> w.aroundHits(HOSPITAL, 0, 6)),
            new Atom(Pattern.compile(HAN_NAME + "{1,5}?(?:街|道|路|里|徑|坊|巷|臺|台|圍)(?:東|西|南|北|中)? ?[0-9]{1,4}[A-Z]?"
                    + "(?: ?[-至及] ?[0-9]{1,4}[A-Z]?)? ?號"), Kind.SPECIFIC, 3, (scan, w) -> w.aroundHits(HAN_NUMBER, 32, 0)),
            new Atom(Pattern.compile(HAN_NAME + "{1,5}?(?:邨|村|苑)"), Kind.SPECIFIC, 3,
                    (scan, w) -> w.aroundHits(HAN_ESTATE, 5, 0)),
            new Atom(Pattern.compile("(?<![0-9])[0-9]{1,3} ?字?樓|地下|地庫|閣樓"), Kind.SPECIFIC, 3,
                    (scan, w) -> w.aroundHits(HAN_FLOOR, 6, 0)),
            new Atom(Pattern.compile("[A-Z]?[0-9]{1,4}[A-Z]? ?號? ?(?:舖|鋪)"), Kind.SPECIFIC, 3,
                    (scan, w) -> w.aroundHits(HAN_SHOP, 10, 0)),
            new Atom(Pattern.compile("[0-9]{1,4}[A-Z]? ?室|(?<![A-Za-z])[A-Z] ?室"), Kind.SPECIFIC, 3,
                    (scan, w) -> w.aroundHits(HAN_ROOM, 7, 0)),
            new Atom(Pattern.compile("(?:第)?(?:[A-Z]|[0-9]{1,2}|[一二三四五六七八九十]{1,2}) ?座"), Kind.SUPPORTING, 2,
                    (scan, w) -> w.aroundHits(HAN_BLOCK, 5, 0)),
            new Atom(Pattern.compile(HAN_NAME + "{1,5}?(?:大廈|中心|廣場|花園|山莊|閣|樓|軒|城|園)"), Kind.SUPPORTING, 1,
                    (scan, w) -> w.aroundHits(HAN_BUILDING, 5, 0)),
            new Atom(Pattern.compile("(?:第)?[0-9一二三四五六七八九十]{1,2} ?期"), Kind.SUPPORTING, 1,
                    (scan, w) -> w.aroundHits(HAN_PHASE, 5, 0)),
            new Atom(Pattern.compile("香港島|香港|九龍|新界|" + HAN_AREAS), Kind.SUPPORTING, 1,
                    (scan, w) -> w.aroundHits(HAN_AREA, 0, 1)),
            new Atom(Pattern.compile("病房|病床|床位|[0-9]{1,3} ?號床|[0-9]{1,3} ?號房"), Kind.HOSPITAL_LOCATION, -10,
                    (scan, w) -> w.aroundHits(HAN_HOSPITAL, 4, 0)));

    private static final List<Cue> CUES = List.of(UNIT, HOUSE, LOT, SLASH, FLOOR, BLOCK, STREET_WORD, ESTATE, BUILDING,
            AREA, REGION, REGION_BROKEN, HOSPITAL, HAN_NUMBER, HAN_ESTATE, HAN_FLOOR, HAN_SHOP, HAN_ROOM, HAN_BLOCK,
            HAN_BUILDING, HAN_PHASE, HAN_AREA, HAN_HOSPITAL);

    private static final Pattern LABEL = Pattern.compile(
            "(?i)(?:\\baddress|\\baddr\\.?|\\bresidence|地址|住址)(?:\\s*\\([^)\\n]{0,20}\\))?\\s*[:：]?\\s*$");
    /** An address label anywhere before the group on its line, with only address-like text in between. */
    private static final Pattern LABEL_EARLIER = Pattern.compile(
            "(?i)(?:\\baddress|\\baddr\\.?|\\bresidence|地址|住址)(?:\\s*\\([^)\\n]{0,20}\\))?\\s*[:：]\\s*"
                    + "([\\p{IsHan}\\w ,，.#/'’&-]{0,60})$");
    private static final Pattern SEPARATOR = Pattern.compile("[\\s,，、;；]*");
    private static final Pattern NAME_BETWEEN = Pattern.compile(
            "[\\s,，]*(?:" + WORD + "|of|and|&)(?: (?:" + WORD + "|of|and|&)){0,4}[ ]?[,，][\\s]*");
    private static final Pattern HAN_BETWEEN = Pattern.compile("[\\p{IsHan}A-Za-z]{1,6}");
    private static final Pattern LEADING_NAME = Pattern.compile(
            "(?:^|[:：]\\s*)((?:" + WORD + "|of|and|&)(?: (?:" + WORD + "|of|and|&)){0,5}[ ]?[,，]\\s*)$");
    private static final int MAX_GAP = 40;

    @Override
    public PiiType type() {
        return PiiType.ADDRESS;
    }

    @Override
    List<Cue> cues() {
        return CUES;
    }

    @Override
    List<Finding> recognize(TextScan scan) {
        String text = scan.text();
        List<Part> parts = parts(scan);
        List<Finding> found = new ArrayList<>();
        int i = 0;
        while (i < parts.size()) {
            int j = i;
            int end = parts.get(i).end();
            while (j + 1 < parts.size() && joins(text, end, parts.get(j + 1).start())) {
                j++;
                end = Math.max(end, parts.get(j).end());
            }
            Finding f = judge(text, parts.subList(i, j + 1), parts.get(i).start(), end);
            if (f != null) {
                found.add(f);
            }
            i = j + 1;
        }
        return found;
    }

    private static List<Part> parts(TextScan scan) {
        List<Part> parts = new ArrayList<>();
        for (Atom atom : ATOMS) {
            TextScan.Windows windows = scan.windows();
            atom.where().add(scan, windows);
            windows.find(atom.pattern(), m -> {
                if (!atom.tolerant() || m.group().indexOf('\n') >= 0) {
                    parts.add(new Part(m.start(), m.end(), atom.kind(), atom.weight(), atom.tolerant()));
                }
            });
        }
        parts.sort(Comparator.comparingInt(Part::start).thenComparing(Comparator.comparingInt(Part::end).reversed()));
        return parts;
    }

    private static boolean joins(String text, int end, int nextStart) {
        if (nextStart <= end) {
            return true;
        }
        if (nextStart - end > MAX_GAP) {
            return false;
        }
        String gap = text.substring(end, nextStart);
        if (gap.chars().filter(c -> c == '\n').count() > 1) {
            return false;
        }
        return SEPARATOR.matcher(gap).matches() || NAME_BETWEEN.matcher(gap).matches()
                || HAN_BETWEEN.matcher(gap).matches();
    }

    private Finding judge(String text, List<Part> group, int start, int end) {
        int score = 0;
        boolean specific = false;
        int distinct = 0;
        int coveredTo = -1;
        boolean tolerant = false;
        for (Part p : group) {
            if (p.kind() == Kind.HOSPITAL_LOCATION) {
                return null;
            }
            specific |= p.kind() == Kind.SPECIFIC;
            // parts that only repeat a stretch already counted add no evidence
            if (p.start() >= coveredTo || p.end() > coveredTo + 2) {
                score += p.weight();
                distinct++;
                tolerant |= p.tolerant();
            }
            coveredTo = Math.max(coveredTo, p.end());
        }
        String before = Context.before(text, start, 80);
        boolean labelled = LABEL.matcher(before).find()
                || (before.isBlank() && LABEL.matcher(Context.previousLine(text, start)).find());
        Matcher earlier = LABEL_EARLIER.matcher(before);
        if (!labelled && earlier.find()) {
            labelled = true;
            start -= earlier.group(1).length();
        }
        if (!labelled && !(specific && score >= 4 && distinct >= 2)) {
            return null;
        }
        Matcher leading = LEADING_NAME.matcher(Context.before(text, start, 80));
        if (leading.find()) {
            start -= leading.group(1).length();
        }
        while (end > start && ",，.;".indexOf(text.charAt(end - 1)) >= 0 && !endsWithAbbreviation(text, end)) {
            end--;
        }
        double confidence = labelled ? 0.95 : score >= 7 ? 0.92 : 0.85;
        return Finding.of(type(), text, start, end, confidence, (tolerant ? "OCR-tolerant match (a line break inside "
                + "an address part): " : "") + (labelled ? "address parts after an address label" : "address parts: score "
                + score));
    }

    /** "N.T." and "H.K." keep their last full stop. */
    private static boolean endsWithAbbreviation(String text, int end) {
        return text.charAt(end - 1) == '.' && end >= 4 && text.charAt(end - 3) == '.'
                && Character.isUpperCase(text.charAt(end - 2));
    }

    private static String titleAndUpper(String... words) {
        return Stream.of(words).flatMap(w -> Stream.of(w, w.toUpperCase())).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .collect(Collectors.joining("|", "(?:", ")"));
    }
}
