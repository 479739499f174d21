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
               3:            50           2400  org.example.GoneByThen
            Total          1060         103040
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

        // 80,000 + 6,400 + 4,800 bytes added, 2,400 of a class no longer there: 888 per connection.
        assertThat(table.lines()).first().asString().contains("(100 connections): 888 bytes");
        assertThat(table.lines().skip(2)).containsExactly(
                "     800.0      20.00  [B",
                "      64.0       1.00  io.netty.channel.epoll.EpollSocketChannel",
                "      48.0       2.00  java.lang.Long",
                "     -24.0      -0.50  org.example.GoneByThen");
    }

    @Test
    void onlyTheTopClassesAreListedAndTheHeaderAndTotalLinesAreNotClasses() {
        HeapHistogram held = HeapHistogram.parse(HELD);

        assertThat(held.byClass()).containsOnlyKeys("[B", "io.netty.channel.epoll.EpollSocketChannel", "java.lang.Long");
        assertThat(held.growthPer(HeapHistogram.parse(BEFORE), 100, 1).lines()).hasSize(3);
    }
}
