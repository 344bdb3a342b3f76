package io.jenkins.plugins.imagelifecycle.contents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * apk's version order. Real apk cannot run on this machine, so there is no oracle to compare against:
 * these are the rules of apk-tools' version comparison, one pair each, written out by hand.
 */
class ApkVersionTest {
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = ' ', value = {
        "1.0 < 1.0.1",
        "1.0 = 1.0",
        "1.2 < 1.10",
        "1.0 < 1.0-r1",
        "1.0-r1 < 1.0-r10",
        "1.0-r9 < 1.0.1",
        "1.0_alpha < 1.0",
        "1.0_alpha < 1.0_beta",
        "1.0_beta < 1.0_pre",
        "1.0_pre < 1.0_rc",
        "1.0_rc1 < 1.0_rc2",
        "1.0_rc < 1.0_rc1",
        "1.0 < 1.0_p1",
        "1.0_cvs < 1.0_svn",
        "1.0_git < 1.0_hg",
        "1.0_hg < 1.0_p",
        "1.0_p1 < 1.0_p2",
        "1.1_alpha < 1.1",
        "1.0a < 1.0b",
        "1.0 < 1.0a",
        "1.0z < 1.0.1",
        "1.01 < 1.1",
        "1.001 < 1.01",
        "1.010 > 1.01",
        "20250101 > 20241231",
        "1.2.3_rc1-r0 < 1.2.3-r0",
        "1.2.3-r0 < 1.2.3_p1-r0",
        "3.0.15-r1 < 3.3.2-r0",
        "1.0~abc < 1.0~abd",
        "1.0 < 1.0~abc",
        "1.0~abc > 1.0-r1",
        "1.0~abc-r1 < 1.0~abc-r2",
        "1.0_invalid < 1.0",
        "99999999999999999999 < 100000000000000000000",
    })
    void ordersAsApkToolsDoes(String a, String relation, String b) {
        int expected = switch (relation) {
            case "<" -> -1;
            case ">" -> 1;
            default -> 0;
        };
        assertThat(Integer.signum(ApkVersion.compare(a, b))).as(a + " vs " + b).isEqualTo(expected);
        assertThat(Integer.signum(ApkVersion.compare(b, a))).as(b + " vs " + a).isEqualTo(-expected);
    }
}
