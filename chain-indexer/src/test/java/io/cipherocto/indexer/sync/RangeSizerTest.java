package io.cipherocto.indexer.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeSizerTest {
    @Test
    void quietRanges_growTowardsTheTarget_butAtMostTwofoldPerAnswer() {
        RangeSizer s = new RangeSizer(10_000, 5_000, 50);
        s.observe(50, 0);
        assertThat(s.blocks()).isEqualTo(100);
        for (int i = 0; i < 5; i++) {
            s.observe(s.blocks(), 0);
        }
        assertThat(s.blocks()).isEqualTo(3_200);
        s.observe(3_200, 0);
        assertThat(s.blocks()).isEqualTo(5_000);
    }

    @Test
    void quietAnswers_ofRangesFetchedTogether_doNotCompound() {
        RangeSizer s = new RangeSizer(10_000, 5_000, 10);
        s.observe(10, 3); // three ranges of 10 blocks were asked for at once; their answers arrive one by one
        s.observe(10, 0);
        s.observe(10, 7);
        assertThat(s.blocks()).isEqualTo(20);
    }

    @Test
    void denseRanges_shrinkToAboutTheTargetLogs() {
        RangeSizer s = new RangeSizer(10_000, 5_000, 1_000);
        s.observe(1_000, 500_000); // 500 logs per block: 20 blocks make the target, at once
        assertThat(s.blocks()).isEqualTo(20);
        s.observe(20, 0); // then quiet again: grows back gradually
        assertThat(s.blocks()).isEqualTo(40);
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
