using System.Text.RegularExpressions;
using FluentValidation;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Customers;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HelpDesk.Application.Tests.Features.Customers;

/// <summary>
/// The satisfaction survey: invited at resolution when the customer has an email, answered once per
/// case through a link that cannot be forged, altered, or used after it expires.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed partial class SurveyTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private int _billing;
    private string _biller = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        // The agent the test acts as works in Billing, where its cases are referred (an agent acts on their own department's cases).
        fixture.CurrentUser.DepartmentId = _billing;
        _biller = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing)).Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex(@"https?://\S+/survey/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex SurveyLink();

    private async Task<LogComplaint.Command> NewCaseAsync(string? email, string? firstContactAnswer = null)
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        return CaseBuilder.Command(ApplicationFixture.Now, Channel.Phone, typeId, new CaseBuilder.Customer("Aisha Khan", email, email is null ? "01234 567890" : null)) with
        {
            FirstContactAnswer = firstContactAnswer,
            FirstContactCommunicatedBy = firstContactAnswer is null ? null : CommunicationMethod.Verbal,
        };
    }

    private async Task<string> ResolvedCaseAsync(string? email = "aisha@example.com", CommunicationMethod told = CommunicationMethod.Verbal)
    {
        var reference = (await fixture.SendAsync(await NewCaseAsync(email))).Reference;
        await fixture.SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, _biller, null));
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "We refunded the second charge.", told));
        return reference;
    }

    private async Task<List<OutboxMessage>> SurveyEmailsAsync()
    {
        await using var db = fixture.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.TemplateKey == TemplateKeys.SatisfactionSurvey).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    private async Task<string> TokenFromEmailAsync()
    {
        var email = Assert.Single(await SurveyEmailsAsync());
        return SurveyLink().Match(email.TextBody).Groups["token"].Value;
    }

    private async Task<List<SurveyResponse>> AnswersAsync()
    {
        await using var db = fixture.CreateDbContext();
        return await db.SurveyResponses.AsNoTracking().ToListAsync();
    }

    private async Task<long> IdOfAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
    }

    [Fact]
    public async Task Resolving_a_case_whose_customer_has_an_email_queues_the_survey_with_a_link_to_this_case()
    {
        var reference = await ResolvedCaseAsync(told: CommunicationMethod.Verbal);

        var email = Assert.Single(await SurveyEmailsAsync());
        Assert.Equal("aisha@example.com", email.RecipientAddress);
        Assert.Equal(await IdOfAsync(reference), email.CaseId);
        Assert.Contains(reference, email.Subject, StringComparison.Ordinal);
        // The configured public address (the default here), never a request's Host header.
        Assert.Matches(@"http://localhost:5000/survey/[A-Za-z0-9_-]{40,}", email.TextBody);
        var survey = await fixture.SendAsync(new OpenSurvey.Query(await TokenFromEmailAsync()));
        Assert.Equal(new OpenSurvey.Survey(SurveyState.Open, reference), survey);
        await using var db = fixture.CreateDbContext();
        var caseId = await IdOfAsync(reference);
        Assert.Contains(await db.TimelineEvents.Where(e => e.ComplaintId == caseId).Select(e => e.Summary).ToListAsync(),
            s => s == "Satisfaction survey email queued to the customer");
    }

    [Fact]
    public async Task Resolving_by_email_queues_the_response_and_then_the_survey()
    {
        await ResolvedCaseAsync(told: CommunicationMethod.Email);

        await using var db = fixture.CreateDbContext();
        Assert.Equal(
            [TemplateKeys.Resolution, TemplateKeys.SatisfactionSurvey],
            await db.OutboxMessages.OrderBy(m => m.CreatedAt).ThenBy(m => m.TemplateKey == TemplateKeys.SatisfactionSurvey).Select(m => m.TemplateKey).ToListAsync());
    }

    [Fact]
    public async Task A_case_with_no_customer_email_gets_no_survey()
    {
        await ResolvedCaseAsync(email: null);

        Assert.Empty(await SurveyEmailsAsync());
    }

    [Fact]
    public async Task Resolving_at_first_contact_queues_the_survey_when_the_customer_gave_an_email_and_not_otherwise()
    {
        var withEmail = await fixture.SendAsync(await NewCaseAsync("aisha@example.com", firstContactAnswer: "Explained the tariff."));
        await fixture.SendAsync(await NewCaseAsync(null, firstContactAnswer: "Explained the tariff."));

        var email = Assert.Single(await SurveyEmailsAsync());
        Assert.Equal(withEmail.Id, email.CaseId);
        var survey = await fixture.SendAsync(new OpenSurvey.Query(await TokenFromEmailAsync()));
        Assert.Equal(SurveyState.Open, survey.State);
        Assert.Equal(withEmail.Reference, survey.Reference);
    }

    [Fact]
    public async Task An_answer_is_recorded_for_the_case_in_the_link_with_a_note_on_the_timeline_for_staff()
    {
        var reference = await ResolvedCaseAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(2));

        var outcome = await fixture.SendAsync(new AnswerSurvey.Command(await TokenFromEmailAsync(), 4, 9, "  Quick and polite.  "));

        Assert.Equal(AnswerSurvey.Outcome.Recorded, outcome);
        var answer = Assert.Single(await AnswersAsync());
        Assert.Equal(await IdOfAsync(reference), answer.ComplaintId);
        Assert.Equal(4, answer.Csat);
        Assert.Equal(9, answer.Nps);
        Assert.Equal("Quick and polite.", answer.Comment);
        Assert.Equal(ApplicationFixture.Now.AddDays(2), answer.AnsweredAt);
        await using var db = fixture.CreateDbContext();
        var note = await db.TimelineEvents.SingleAsync(e => e.Type == TimelineEventType.SurveyAnswered);
        Assert.False(note.VisibleToCustomer);
        Assert.Equal("Customer answered the satisfaction survey: satisfaction 4 of 5, likely to recommend 9 of 10", note.Summary);
        Assert.Equal("Aisha Khan", note.ActorName);
        var details = await fixture.SendAsync(new GetComplaint.Query(reference));
        Assert.Equal(new GetComplaint.SurveyView(4, 9, "Quick and polite.", ApplicationFixture.Now.AddDays(2)), details!.Survey);
    }

    [Fact]
    public async Task The_recommendation_and_comment_are_optional()
    {
        var reference = await ResolvedCaseAsync();

        Assert.Equal(AnswerSurvey.Outcome.Recorded, await fixture.SendAsync(new AnswerSurvey.Command(await TokenFromEmailAsync(), 2, null, "   ")));

        var details = await fixture.SendAsync(new GetComplaint.Query(reference));
        Assert.Equal(new GetComplaint.SurveyView(2, null, null, ApplicationFixture.Now), details!.Survey);
    }

    [Fact]
    public async Task A_second_answer_through_the_same_link_is_refused_and_the_first_stands()
    {
        await ResolvedCaseAsync();
        var token = await TokenFromEmailAsync();
        await fixture.SendAsync(new AnswerSurvey.Command(token, 5, 10, "Great."));

        var second = await fixture.SendAsync(new AnswerSurvey.Command(token, 1, 0, "Changed my mind."));

        Assert.Equal(AnswerSurvey.Outcome.AlreadyAnswered, second);
        var answer = Assert.Single(await AnswersAsync());
        Assert.Equal((5, 10, "Great."), (answer.Csat, answer.Nps, answer.Comment));
        Assert.Equal(SurveyState.AlreadyAnswered, (await fixture.SendAsync(new OpenSurvey.Query(token))).State);
    }

    [Fact]
    public async Task Two_answers_at_once_record_one_and_tell_the_other_it_is_already_answered()
    {
        await ResolvedCaseAsync();
        var token = await TokenFromEmailAsync();

        var outcomes = await Task.WhenAll(
            fixture.SendAsync(new AnswerSurvey.Command(token, 5, 10, "First tab.")),
            fixture.SendAsync(new AnswerSurvey.Command(token, 3, 5, "Second tab.")));

        Assert.Equal([AnswerSurvey.Outcome.Recorded, AnswerSurvey.Outcome.AlreadyAnswered], outcomes.Order());
        Assert.Single(await AnswersAsync());
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.TimelineEvents.CountAsync(e => e.Type == TimelineEventType.SurveyAnswered));
    }

    /// <summary>
    /// The race made certain: another answer is inserted but not yet committed when this one checks,
    /// so this one passes the check and meets the unique index, which waits for the other to commit.
    /// </summary>
    [Fact]
    public async Task An_answer_that_loses_the_race_at_the_unique_index_is_told_it_is_already_answered()
    {
        var reference = await ResolvedCaseAsync();
        var token = await TokenFromEmailAsync();
        var caseId = await IdOfAsync(reference);
        await using var other = new NpgsqlConnection(fixture.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("INSERT INTO survey_responses (complaint_id, csat, nps, comment, answered_at) VALUES (@id, 5, 10, 'Other tab.', now())", other, transaction))
        {
            insert.Parameters.AddWithValue("id", caseId);
            await insert.ExecuteNonQueryAsync();
        }

        var answering = fixture.SendAsync(new AnswerSurvey.Command(token, 1, 0, "This tab."));
        await WaitUntilBlockedOnTheIndexAsync();
        await transaction.CommitAsync();

        Assert.Equal(AnswerSurvey.Outcome.AlreadyAnswered, await answering);
        var answer = Assert.Single(await AnswersAsync());
        Assert.Equal("Other tab.", answer.Comment);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.TimelineEvents.CountAsync(e => e.Type == TimelineEventType.SurveyAnswered));
    }

    private async Task WaitUntilBlockedOnTheIndexAsync()
    {
        await using var watcher = new NpgsqlConnection(fixture.ConnectionString);
        await watcher.OpenAsync();
        for (var i = 0; i < 200; i++)
        {
            await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", watcher);
            if ((long)(await query.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The answer never waited on the other, uncommitted one.");
    }

    [Fact]
    public async Task A_link_past_its_lifetime_is_expired_and_records_nothing()
    {
        await ResolvedCaseAsync();
        var token = await TokenFromEmailAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal(AnswerSurvey.Outcome.LinkExpired, await fixture.SendAsync(new AnswerSurvey.Command(token, 5, 10, null)));
        Assert.Equal(SurveyState.LinkExpired, (await fixture.SendAsync(new OpenSurvey.Query(token))).State);
        Assert.Empty(await AnswersAsync());
    }

    [Fact]
    public async Task A_link_still_inside_its_lifetime_can_be_answered()
    {
        await ResolvedCaseAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));

        Assert.Equal(AnswerSurvey.Outcome.Recorded, await fixture.SendAsync(new AnswerSurvey.Command(await TokenFromEmailAsync(), 5, null, null)));
    }

    [Fact]
    public async Task An_altered_token_is_not_valid_and_does_not_reach_any_case()
    {
        await ResolvedCaseAsync();
        await ResolvedCaseAsync();
        var token = (await SurveyEmailsAsync()).Select(m => SurveyLink().Match(m.TextBody).Groups["token"].Value).First();

        foreach (var altered in new[] { Flip(token, 10), Flip(token, token.Length / 2), Flip(token, token.Length - 3), token[..^4], token + "AAAA", "not-a-token" })
        {
            Assert.Equal(AnswerSurvey.Outcome.LinkNotValid, await fixture.SendAsync(new AnswerSurvey.Command(altered, 5, 10, null)));
            Assert.Equal(new OpenSurvey.Survey(SurveyState.LinkNotValid, null), await fixture.SendAsync(new OpenSurvey.Query(altered)));
        }

        Assert.Empty(await AnswersAsync());
    }

    [Fact]
    public async Task A_token_made_with_the_same_keys_for_another_purpose_is_not_a_survey_link()
    {
        var reference = await ResolvedCaseAsync();
        var expires = ApplicationFixture.Now.AddDays(5).ToUnixTimeSeconds();
        await using var scope = fixture.Services.CreateAsyncScope();
        var forged = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("HelpDesk.SomethingElse").Protect($"{reference}|{expires}");

        Assert.Equal(AnswerSurvey.Outcome.LinkNotValid, await fixture.SendAsync(new AnswerSurvey.Command(forged, 1, 0, "Forged.")));
        Assert.Empty(await AnswersAsync());
    }

    [Fact]
    public async Task Each_case_answers_only_through_its_own_link()
    {
        var first = await ResolvedCaseAsync();
        var second = await ResolvedCaseAsync();
        var tokens = (await SurveyEmailsAsync()).ToDictionary(m => m.CaseId!.Value, m => SurveyLink().Match(m.TextBody).Groups["token"].Value);

        await fixture.SendAsync(new AnswerSurvey.Command(tokens[await IdOfAsync(second)], 2, 3, "Second case."));

        var answer = Assert.Single(await AnswersAsync());
        Assert.Equal(await IdOfAsync(second), answer.ComplaintId);
        Assert.Equal(SurveyState.Open, (await fixture.SendAsync(new OpenSurvey.Query(tokens[await IdOfAsync(first)]))).State);
    }

    [Fact]
    public async Task A_case_resolved_again_after_an_answer_sends_no_second_survey()
    {
        var reference = await ResolvedCaseAsync();
        await fixture.SendAsync(new AnswerSurvey.Command(await TokenFromEmailAsync(), 3, 6, null));
        await fixture.SendAsync(new ReopenCase.Command(reference, "The refund bounced."));

        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Bounced refund.", "Refunded again by cheque.", CommunicationMethod.Verbal));

        Assert.Single(await SurveyEmailsAsync());
    }

    [Theory]
    [InlineData(null, null, nameof(AnswerSurvey.Command.Csat))]
    [InlineData(0, null, nameof(AnswerSurvey.Command.Csat))]
    [InlineData(6, 5, nameof(AnswerSurvey.Command.Csat))]
    [InlineData(3, -1, nameof(AnswerSurvey.Command.Nps))]
    [InlineData(3, 11, nameof(AnswerSurvey.Command.Nps))]
    public async Task Answers_out_of_range_are_refused_by_the_validator(int? csat, int? nps, string field)
    {
        await ResolvedCaseAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await fixture.SendAsync(new AnswerSurvey.Command(await TokenFromEmailAsync(), csat, nps, null)));

        Assert.Equal(field, Assert.Single(refused.Errors).PropertyName);
        Assert.Empty(await AnswersAsync());
    }

    [Fact]
    public async Task A_comment_longer_than_allowed_is_refused()
    {
        await ResolvedCaseAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await fixture.SendAsync(new AnswerSurvey.Command(await TokenFromEmailAsync(), 3, null, new string('x', SurveyResponse.CommentMaxLength + 1))));

        Assert.Equal(nameof(AnswerSurvey.Command.Comment), Assert.Single(refused.Errors).PropertyName);
    }

    private static string Flip(string token, int at) => token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
}
