package io.cipherocto.indexer.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeSizerTest {
    @Test
    void quietRanges_growTowardsTheTarget_butAtMostFourfoldPerAnswer() {
        RangeSizer s = new RangeSizer(10_000, 5_000, 50);
        s.observe(50, 0);
        assertThat(s.blocks()).isEqualTo(200);
        s.observe(200, 0);
        s.observe(800, 0);
        s.observe(3_200, 0);
        assertThat(s.blocks()).isEqualTo(5_000);
    }

    @Test
    void denseRanges_shrinkToAboutTheTargetLogs() {
        RangeSizer s = new RangeSizer(10_000, 5_000, 1_000);
        s.observe(1_000, 500_000); // 500 logs per block: 20 blocks make the target, at once
        assertThat(s.blocks()).isEqualTo(20);
        s.observe(20, 0); // then quiet again: grows back gradually
        assertThat(s.blocks()).isEqualTo(80);
    }

    @Test
    void refusedRange_halvesTheSize_neverBelowOne() {
        RangeSizer s = new RangeSizer(10_000, 5_000, 100);
        s.shrink(100);
        assertThat(s.blocks()).isEqualTo(50);
        for (int i = 0; i < 20; i++) {
            s.shrink(s.blocks());
        }
        assertThat(s.blocks()).isEqualTo(1);
    }
}
