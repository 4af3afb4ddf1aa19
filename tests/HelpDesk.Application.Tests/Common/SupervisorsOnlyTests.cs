using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Features.Suggestions;
using HelpDesk.Domain.Reviews;

namespace HelpDesk.Application.Tests.Common;

/// <summary>
/// The role a request needs is read from the request (<see cref="ISupervisorRequest"/>) by one pipeline
/// behaviour, not written into validators: an agent is refused before anything they typed is checked.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class SupervisorsOnlyTests(ApplicationFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithDefaultsAsync();

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Supervises = false;
        return Task.CompletedTask;
    }

    public static TheoryData<string> SupervisorsRequests() => new()
    {
        nameof(ReassignCases), nameof(RecordPeriodicReview), nameof(ReviewSuggestion), nameof(PublishSuggestion), nameof(WithdrawSuggestion),
    };

    [Theory]
    [MemberData(nameof(SupervisorsRequests))]
    public async Task An_agent_sending_a_supervisors_request_is_refused_by_its_role_before_validation(string request)
    {
        fixture.CurrentUser.Supervises = false;

        // Every one of these is also invalid: the role, not a validation message, must answer.
        var refused = await Assert.ThrowsAsync<RequestNotPermittedException>(() => Invalid(request));

        Assert.Contains(request, refused.Request, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SupervisorsRequests))]
    public async Task A_supervisor_sending_the_same_request_reaches_its_validator(string request)
    {
        fixture.CurrentUser.Supervises = true;

        var thrown = await Record.ExceptionAsync(() => Invalid(request));

        Assert.True(thrown is FluentValidation.ValidationException or SuggestionNotFoundException, $"{request} answered {thrown?.GetType().Name ?? "nothing"}");
    }

    [Fact]
    public void The_role_is_stated_on_each_supervisors_request()
    {
        Assert.All(
            [typeof(ReassignCases.Command), typeof(RecordPeriodicReview.Command), typeof(ReviewSuggestion.Command), typeof(PublishSuggestion.Command), typeof(WithdrawSuggestion.Command)],
            type => Assert.True(typeof(ISupervisorRequest).IsAssignableFrom(type), $"{type.FullName} does not say it is a supervisor's request"));
    }

    private Task Invalid(string request) => request switch
    {
        nameof(ReassignCases) => fixture.SendAsync(new ReassignCases.Command([], null, null, null)),
        nameof(RecordPeriodicReview) => fixture.SendAsync(new RecordPeriodicReview.Command(ReviewPeriodKind.Weekly, null, " ")),
        nameof(ReviewSuggestion) => fixture.SendAsync(new ReviewSuggestion.Command(1, null, null)),
        nameof(PublishSuggestion) => fixture.SendAsync(new PublishSuggestion.Command(1, null, null)),
        // Withdrawing has nothing to type; an unknown suggestion is the handler's 404, so a supervisor sees not-found.
        _ => fixture.SendAsync(new WithdrawSuggestion.Command(-1)),
    };
}
