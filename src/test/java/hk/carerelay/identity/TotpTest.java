package hk.carerelay.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpTest {

    /** The SHA-1 seed of RFC 6238 appendix B, the 20 ASCII bytes "12345678901234567890", in base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final Instant AT = Instant.ofEpochSecond(1111111111);

    @ParameterizedTest(name = "T = {0} -> {1}")
    @CsvSource({
            "59,          287082",
            "1111111109,  081804",
            "1111111111,  050471",
            "1234567890,  005924",
            "2000000000,  279037",
            "20000000000, 353130" })
    void matchesTheRfc6238TestVectors(long epochSecond, String code) {
        Instant at = Instant.ofEpochSecond(epochSecond);
        assertThat(Totp.codeAt(RFC_SECRET, at)).isEqualTo(code);
        assertThat(Totp.verify(RFC_SECRET, code, at)).isTrue();
    }

    @Test
    void acceptsTheCodesOneStepEitherSideForClockDrift() {
        assertThat(Totp.verify(RFC_SECRET, Totp.codeAt(RFC_SECRET, AT.minusSeconds(30)), AT)).isTrue();
        assertThat(Totp.verify(RFC_SECRET, Totp.codeAt(RFC_SECRET, AT.plusSeconds(30)), AT)).isTrue();
    }

    @Test
    void rejectsTheCodesTwoStepsAway() {
        assertThat(Totp.verify(RFC_SECRET, Totp.codeAt(RFC_SECRET, AT.minusSeconds(60)), AT)).isFalse();
        assertThat(Totp.verify(RFC_SECRET, Totp.codeAt(RFC_SECRET, AT.plusSeconds(60)), AT)).isFalse();
    }

    @Test
    void aCodeHoldsForItsWholeThirtySecondStep() {
        // 1111111109 and 1111111111 lie in different steps (the step boundary is 1111111110).
        assertThat(Totp.codeAt(RFC_SECRET, Instant.ofEpochSecond(1111111110)))
                .isEqualTo(Totp.codeAt(RFC_SECRET, Instant.ofEpochSecond(1111111139)))
                .isEqualTo("050471");
    }

    @Test
    void rejectsACodeForAnotherSecret() {
        assertThat(Totp.verify("JBSWY3DPEHPK3PXP", "050471", AT)).isFalse();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = { "05047", "0504710", "05047a", "O50471", " 050471", "050471 ", "050 471", "-50471",
            "０５０４７１" })
    void rejectsAnythingButSixDigits(String code) {
        assertThat(Totp.verify(RFC_SECRET, code, AT)).isFalse();
    }

    @Test
    void rejectsWithoutASecret() {
        assertThat(Totp.verify(null, "050471", AT)).isFalse();
    }

    @Test
    void acceptsALowercaseSecret() {
        assertThat(Totp.verify(RFC_SECRET.toLowerCase(), "050471", AT)).isTrue();
    }

    @Test
    void newSecretsAreRandomBase32OfOneHundredSixtyBits() {
        String secret = Totp.newSecret();
        assertThat(secret).matches("[A-Z2-7]{32}").isNotEqualTo(Totp.newSecret());
        Instant now = Instant.now();
        assertThat(Totp.verify(secret, Totp.codeAt(secret, now), now)).isTrue();
    }
}
