package org.lanchat.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6762 §5.2's continuous querying, with the times given: checked once a second, as the browser's sweep does. */
class QueryScheduleTest {
    private static List<Long> questionsAskedWithin(QuerySchedule schedule, long fromSecond, long toSecond) {
        List<Long> asked = new ArrayList<>();
        for (long second = fromSecond; second <= toSecond; second++) {
            if (schedule.due(second * 1000)) {
                asked.add(second);
            }
        }
        return asked;
    }

    @Test
    void aBrowserAsksAfterOneSecondThenAtIntervalsThatDouble() {
        QuerySchedule schedule = new QuerySchedule(0);
        assertThat(questionsAskedWithin(schedule, 0, 100)).containsExactly(1L, 3L, 7L, 15L, 31L, 63L);
    }

    @Test
    void theIntervalStopsGrowingAtAnHour() {
        QuerySchedule schedule = new QuerySchedule(0);
        List<Long> asked = questionsAskedWithin(schedule, 0, 5 * 3600);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < asked.size(); i++) {
            gaps.add(asked.get(i) - asked.get(i - 1));
        }
        assertThat(gaps).allMatch(gap -> gap <= 3600).endsWith(3600L, 3600L);
    }

    /** An appliance said goodbye: it may come back on another address, and its announcements may be missed. */
    @Test
    void aLostServiceStartsTheIntervalsAgainFromOneSecond() {
        QuerySchedule schedule = new QuerySchedule(0);
        questionsAskedWithin(schedule, 0, 2000);
        schedule.restart(2000_500);
        assertThat(questionsAskedWithin(schedule, 2001, 2020)).containsExactly(2002L, 2004L, 2008L, 2016L);
    }
}
