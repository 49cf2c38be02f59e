package hk.carerelay.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Turning Tesseract's TSV into text whose offsets point back at word boxes. */
class OcrTest {

    private static final String HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n";

    @Test
    void joinsEnglishWordsWithSpacesAndLinesWithNewlines() {
        Ocr.Result read = Ocr.parse(HEADER
                + "4\t1\t1\t1\t1\t0\t10\t10\t300\t40\t-1\t\n"
                + "5\t1\t1\t1\t1\t1\t10\t10\t120\t40\t95.1\tBlood\n"
                + "5\t1\t1\t1\t1\t2\t140\t10\t170\t40\t94.0\tpressure\n"
                + "5\t1\t1\t1\t2\t1\t10\t60\t150\t40\t93.2\tnormal\n");

        assertThat(read.text()).isEqualTo("Blood pressure\nnormal");
        Extraction.Word pressure = read.words().get(1);
        assertThat(read.text().substring(pressure.start(), pressure.end())).isEqualTo("pressure");
        assertThat(pressure.left()).isEqualTo(140);
        assertThat(pressure.width()).isEqualTo(170);
    }

    @Test
    void keepsChineseCharactersTogetherSoThatANameStaysOneString() {
        Ocr.Result read = Ocr.parse(HEADER
                + "5\t1\t1\t1\t1\t1\t10\t10\t40\t40\t90\t病人\n"
                + "5\t1\t1\t1\t1\t2\t60\t10\t40\t40\t90\t陳\n"
                + "5\t1\t1\t1\t1\t3\t110\t10\t80\t40\t90\t大文\n"
                + "5\t1\t1\t1\t1\t4\t200\t10\t80\t40\t90\tCHAN\n");

        assertThat(read.text()).isEqualTo("病人陳大文 CHAN");
        assertThat(read.words()).hasSize(4);
    }

    @Test
    void skipsEmptyWordsAndRowsThatAreNotWords() {
        Ocr.Result read = Ocr.parse(HEADER + "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t\n" + "5\t1\t1\t1\t1\t1\t0\t0\t5\t5\t0\t \n");

        assertThat(read.text()).isEmpty();
        assertThat(read.words()).isEmpty();
    }
}
