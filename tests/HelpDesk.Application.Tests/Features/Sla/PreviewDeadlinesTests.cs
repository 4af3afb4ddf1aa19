using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Tests.Features.Sla;

[Collection(DatabaseCollection.Name)]
public sealed class PreviewDeadlinesTests(ApplicationFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithDefaultsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Previews_the_deadlines_of_the_row_in_force_with_follow_up_from_resolution()
    {
        // Received Friday 27 November 2026 20:00 London; resolved Monday 30th 10:00.
        var received = new DateTimeOffset(2026, 11, 27, 20, 0, 0, TimeSpan.Zero);
        var resolved = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

        var preview = await fixture.SendAsync(new PreviewDeadlines.Query("product defects", Priority.Normal, received, resolved));

        Assert.NotNull(preview);
        Assert.Equal(received.AddHours(24), preview.AcknowledgeBy);
        // 5 working days after Friday: Sat 28, Mon 30, Tue 1, Wed 2, Thu 3 December (Sunday is closed).
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 21, 0, 0, TimeSpan.Zero), preview.ResolveBy);
        // 14 working days after Monday 30 November: Tue 1 to Sat 5, Mon 7 to Sat 12, Mon 14 to Wed 16 December.
        Assert.Equal(new DateTimeOffset(2026, 12, 16, 21, 0, 0, TimeSpan.Zero), preview.FollowUpBy);
        Assert.Equal("Product defects, any priority", preview.Row);
        Assert.Equal("office", preview.Calendar);
    }

    [Fact]
    public async Task An_unknown_type_gives_no_preview()
    {
        Assert.Null(await fixture.SendAsync(new PreviewDeadlines.Query("Complaints about complaints", Priority.Normal, ApplicationFixture.Now, null)));
    }
}
