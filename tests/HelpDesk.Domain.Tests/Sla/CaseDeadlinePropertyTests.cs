using HelpDesk.Domain.Sla;
using static HelpDesk.Domain.Tests.Sla.WallClock;

namespace HelpDesk.Domain.Tests.Sla;

public class CaseDeadlinePropertyTests
{
    private static readonly BusinessCalendar[] Calendars =
    [
        BusinessCalendar.Office(),
        BusinessCalendar.AroundTheClock(Sydney),
        Calendar(MondayToFriday, "09:00-12:00, 13:00-17:30", London, Holiday("2026-04-03"), Holiday("2026-04-06")),
    ];

    [Fact]
    public void Recomputing_with_the_same_row_gives_the_deadline_the_live_changes_gave()
    {
        var random = new Random(1001);
        for (var sample = 0; sample < 1_000; sample++)
        {
            var calendar = Calendars[random.Next(Calendars.Length)];
            var target = new SlaTarget(random.Next(0, 40), (SlaUnit)random.Next(5));
            var row = new SlaRow(null, null, "generated", calendar, SlaTarget.ElapsedHours(1), target, SlaTarget.WorkingDays(1));
            var receivedAt = Local("2026-03-02 00:00").AddMinutes(random.Next(0, 60 * 24 * 60));
            var deadlines = CaseDeadlines.Start(row, receivedAt);

            var now = receivedAt;
            for (var step = random.Next(0, 6); step > 0; step--)
            {
                now = now.AddMinutes(random.Next(1, 3 * 24 * 60));
                if (deadlines.Resolution.IsPaused)
                {
                    deadlines.ResumeResolution(now, calendar);
                }
                else if (random.Next(3) == 0)
                {
                    var later = Max(now, deadlines.Resolution.Due).AddMinutes(random.Next(1, 5 * 24 * 60));
                    deadlines.ExtendResolution(now, later, "More time needed");
                }
                else
                {
                    deadlines.PauseResolution(now);
                }
            }

            var live = deadlines.Resolution.Due;
            var lines = deadlines.Resolution.Explain();
            deadlines.ApplyRow(row, now, "Same row applied again");

            Assert.Equal(live, deadlines.Resolution.Due);
            Assert.Equal(lines[0], deadlines.Resolution.Explain()[0]);
            Assert.True(deadlines.Resolution.Due >= deadlines.Resolution.TargetDue);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
