using System.Net;
using System.Text.Json;

namespace HelpDesk.Web.Tests.Pages;

[Collection(WebCollection.Name)]
public sealed class SlaPreviewApiTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Answers_the_deadlines_in_utc_with_the_row_and_calendar()
    {
        using var client = fixture.CreateClient();

        var response = await client.GetAsync(new Uri("/api/sla/preview?type=Billing%20issues&priority=Normal&receivedAt=2026-11-25T10:00:00Z&resolvedAt=2026-11-27T12:00:00%2B00:00", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("2026-11-26T10:00:00Z", root.GetProperty("acknowledgeBy").GetString());
        Assert.Equal("2026-11-28T21:00:00Z", root.GetProperty("resolveBy").GetString());
        // 7 working days after Friday 27 November: Sat 28, Mon 30, Tue 1 to Sat 5 December.
        Assert.Equal("2026-12-05T21:00:00Z", root.GetProperty("followUpBy").GetString());
        Assert.Equal("Billing issues, any priority", root.GetProperty("row").GetString());
        Assert.Equal("office", root.GetProperty("calendar").GetString());
    }

    [Fact]
    public async Task Without_a_resolution_there_is_no_follow_up_date()
    {
        using var client = fixture.CreateClient();

        var response = await client.GetAsync(new Uri("/api/sla/preview?type=General&priority=critical&receivedAt=2026-07-01T09:00:00%2B01:00", UriKind.Relative));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("followUpBy").ValueKind);
        Assert.Equal("2026-07-01T09:00:00Z", json.RootElement.GetProperty("acknowledgeBy").GetString());
        Assert.Equal("24/7", json.RootElement.GetProperty("calendar").GetString());
    }

    [Theory]
    [InlineData("type=Nonsense&priority=Normal&receivedAt=2026-11-25T10:00:00Z", "type")]
    [InlineData("priority=Normal&receivedAt=2026-11-25T10:00:00Z", "type")]
    [InlineData("type=General&priority=Urgent&receivedAt=2026-11-25T10:00:00Z", "priority")]
    [InlineData("type=General&priority=3&receivedAt=2026-11-25T10:00:00Z", "priority")]
    [InlineData("type=General&priority=Normal&receivedAt=yesterday", "receivedAt")]
    [InlineData("type=General&priority=Normal&receivedAt=2026-11-25T10:00:00", "receivedAt")]
    [InlineData("type=General&priority=Normal", "receivedAt")]
    [InlineData("type=General&priority=Normal&receivedAt=2026-11-25T10:00:00Z&resolvedAt=2026-13-01T00:00:00Z", "resolvedAt")]
    [InlineData("type=General&priority=Normal&receivedAt=2026-11-25T10:00:00Z&resolvedAt=2026-11-24T10:00:00Z", "resolvedAt")]
    public async Task A_bad_parameter_answers_400_problem_json_naming_it(string query, string parameter)
    {
        using var client = fixture.CreateClient();

        var response = await client.GetAsync(new Uri("/api/sla/preview?" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), $"no error for {parameter}: {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }
}
