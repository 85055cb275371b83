package io.cipherocto.governance.vote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    @Test
    void take_allowsTheBurst_thenAsksToWait_perKey() {
        TokenBuckets b = new TokenBuckets(1, 3, 100);
        assertThat(b.take("a")).isZero();
        assertThat(b.take("a")).isZero();
        assertThat(b.take("a")).isZero();
        assertThat(b.take("a")).isEqualTo(1); // one token per second: wait 1 s
        assertThat(b.take("b")).isZero(); // other keys have their own bucket
    }

    @Test
    void take_refillsOverTime() throws InterruptedException {
        TokenBuckets b = new TokenBuckets(50, 1, 100);
        assertThat(b.take("a")).isZero();
        assertThat(b.take("a")).isPositive();
        Thread.sleep(60);
        assertThat(b.take("a")).isZero();
    }
}
