package org.lanchat.bench.search;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Office chat text, deterministic from a seed: English sentences, Chinese sentences written without spaces as people
 * write them (so a word like 会议 sits inside a longer run), and mixtures of both. The query words occur at known,
 * varied rates: common (明天, the), moderate (会议, budget), rare (kiwi, 周报).
 */
final class Corpus {
    private static final List<String> EN = List.of("the", "build", "is", "green", "again", "budget", "review", "on",
            "Friday", "deploy", "the", "server", "tonight", "printer", "on", "floor", "three", "is", "jammed", "release",
            "notes", "are", "in", "the", "wiki", "lunch", "at", "noon", "please", "check", "the", "logs", "meeting",
            "moved", "to", "Monday", "who", "has", "the", "key", "coffee", "machine", "fixed", "thanks", "everyone",
            "customer", "called", "about", "the", "invoice", "Deploy", "done", "Budget", "approved");
    private static final List<String> ZH = List.of("明天", "的", "会议", "改到", "三点", "服务器", "重启", "了", "请", "大家",
            "检查", "一下", "报表", "客户", "打电话", "来", "打印机", "又", "卡纸", "午饭", "一起", "去", "吃", "吗", "发布",
            "说明", "在", "共享盘", "上", "今天", "下午", "开会", "预算", "审批", "通过", "谢谢");
    private static final List<String> RARE = List.of("kiwi", "周报");

    private final SplittableRandom random;

    Corpus(long seed) {
        this.random = new SplittableRandom(seed);
    }

    String next() {
        int kind = random.nextInt(10);
        String text = kind < 6 ? english(4 + random.nextInt(12)) : kind < 9 ? chinese(3 + random.nextInt(10))
                : english(2 + random.nextInt(5)) + " " + chinese(2 + random.nextInt(5));
        if (random.nextInt(500) == 0) {
            text = text + " " + RARE.get(random.nextInt(RARE.size()));
        }
        return text;
    }

    private String english(int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(i == 0 ? "" : " ").append(EN.get(random.nextInt(EN.size())));
        }
        return b.toString();
    }

    /** No spaces between words, as Chinese is written: an index that splits at spaces sees one long token. */
    private String chinese(int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(ZH.get(random.nextInt(ZH.size())));
        }
        return b.append(random.nextBoolean() ? "。" : "").toString();
    }
}
