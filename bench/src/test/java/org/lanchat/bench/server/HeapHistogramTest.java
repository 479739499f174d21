package org.lanchat.bench.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapHistogramTest {
    private static final String BEFORE = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000         100000  [B (java.base@25.0.3)
               2:            10            640  io.netty.channel.epoll.EpollSocketChannel
            Total          1010         100640
            """;
    private static final String HELD = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          3000         180000  [B (java.base@25.0.3)
               2:           110           7040  io.netty.channel.epoll.EpollSocketChannel
               3:           200           4800  java.lang.Long (java.base@25.0.3)
            Total          3310         191840
            """;

    @Test
    void theGrowthPerConnectionIsEachClassesBytesAndInstancesAddedDividedByTheConnections() {
        String table = HeapHistogram.parse(HELD).growthPer(HeapHistogram.parse(BEFORE), 100, 10);

        assertThat(table.lines()).first().asString().contains("(100 connections): 912 bytes");
        assertThat(table.lines().skip(2)).containsExactly(
                "     800.0      20.00  [B",
                "      64.0       1.00  io.netty.channel.epoll.EpollSocketChannel",
                "      48.0       2.00  java.lang.Long");
    }

    @Test
    void onlyTheTopClassesAreListedAndTheHeaderAndTotalLinesAreNotClasses() {
        HeapHistogram held = HeapHistogram.parse(HELD);

        assertThat(held.byClass()).containsOnlyKeys("[B", "io.netty.channel.epoll.EpollSocketChannel", "java.lang.Long");
        assertThat(held.growthPer(HeapHistogram.parse(BEFORE), 100, 1).lines()).hasSize(3);
    }
}
