using FluentValidation;
using HelpDesk.Application.Features.Workspace;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Tests.Features.Workspace;

/// <summary>Search on real PostgreSQL: words through the stored tsvector, exact email and phone, references straight to the case.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class SearchCasesTests(ApplicationFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithDefaultsAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> LogAsync(string name, string? email, string? phone, string subject, string description)
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        return (await fixture.SendAsync(CaseBuilder.Command(ApplicationFixture.Now, Channel.Phone, typeId, new CaseBuilder.Customer(name, email, phone)) with
        {
            Subject = subject,
            Description = description,
        })).Reference;
    }

    private Task<SearchCases.Result> SearchAsync(string text, int page = 1) => fixture.SendAsync(new SearchCases.Query(text, page));

    [Fact]
    public async Task A_word_from_the_description_finds_the_case()
    {
        var boiler = await LogAsync("Aisha Khan", "aisha@example.com", null, "Heating", "The boiler in the flat stopped working on Tuesday.");
        await LogAsync("Ben Ortiz", "ben@example.com", null, "Billing", "Charged twice for October.");

        var result = await SearchAsync("Boiler");

        var hit = Assert.Single(result.Hits);
        Assert.Equal(boiler, hit.Reference);
        Assert.Equal("Aisha Khan", hit.CustomerName);
        Assert.Equal(CaseStatus.Logged, hit.Status);
        Assert.NotNull(hit.NextDueAt);
        Assert.Null(result.GoTo);
    }

    [Fact]
    public async Task Every_word_must_match_and_a_subject_match_ranks_above_a_description_match()
    {
        var inDescription = await LogAsync("Ben Ortiz", "ben@example.com", null, "Account", "The refund for the router never arrived.");
        var inSubject = await LogAsync("Cara Diaz", "cara@example.com", null, "Router refund", "Sent it back in May.");
        await LogAsync("Dan Eze", "dan@example.com", null, "Router", "Slow wifi.");

        var result = await SearchAsync("router refund");

        Assert.Equal([inSubject, inDescription], result.Hits.Select(h => h.Reference));
    }

    [Fact]
    public async Task The_customers_email_matches_exactly_in_any_case_and_the_name_by_its_words()
    {
        var aisha = await LogAsync("Aisha Khan", "Aisha.Khan@Example.com", null, "Heating", "Cold.");
        await LogAsync("Aisha Patel", "patel@example.com", null, "Heating", "Cold.");

        Assert.Equal([aisha], (await SearchAsync("aisha.khan@example.COM")).Hits.Select(h => h.Reference));
        Assert.Equal(2, (await SearchAsync("aisha")).Hits.Count);
    }

    [Fact]
    public async Task A_phone_number_matches_however_it_is_spaced()
    {
        var caller = await LogAsync("Ola Nowak", null, "+44 20 7946 0018", "Delivery", "Missed.");
        await LogAsync("Pia Roth", null, "+44 20 7946 0999", "Delivery", "Missed.");

        Assert.Equal([caller], (await SearchAsync("+442079460018")).Hits.Select(h => h.Reference));
        Assert.Equal([caller], (await SearchAsync("(44) 20-7946-0018")).Hits.Select(h => h.Reference));
    }

    [Fact]
    public async Task A_reference_typed_in_full_goes_straight_to_its_case()
    {
        var reference = await LogAsync("Aisha Khan", "aisha@example.com", null, "Heating", "Cold.");

        var result = await SearchAsync(" " + reference.ToLowerInvariant().Replace('-', ' ') + " ");

        Assert.Equal(reference, result.GoTo);
    }

    [Fact]
    public async Task A_reference_with_a_wrong_check_letter_is_explained_and_not_followed()
    {
        var reference = await LogAsync("Aisha Khan", "aisha@example.com", null, "Heating", "Cold.");
        var mistyped = reference[..^1] + (reference[^1] == 'A' ? 'B' : 'A');

        var result = await SearchAsync(mistyped);

        Assert.Null(result.GoTo);
        Assert.Contains("check letter", result.ReferenceProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_counter_of_a_reference_finds_the_case()
    {
        var reference = await LogAsync("Aisha Khan", "aisha@example.com", null, "Heating", "Cold.");

        var result = await SearchAsync(reference.Split('-')[2]);

        Assert.Equal([reference], result.Hits.Select(h => h.Reference));
    }

    [Fact]
    public async Task No_match_is_an_empty_result()
    {
        await LogAsync("Aisha Khan", "aisha@example.com", null, "Heating", "Cold.");

        var result = await SearchAsync("zeppelin");

        Assert.Empty(result.Hits);
        Assert.False(result.HasMore);
        Assert.Null(result.GoTo);
    }

    [Fact]
    public async Task Results_are_paged()
    {
        for (var i = 0; i < SearchCases.PageSize + 3; i++)
        {
            await LogAsync($"Customer {i}", $"c{i}@example.com", null, "Parcel lost", "Never arrived.");
        }

        var first = await SearchAsync("parcel");
        var second = await SearchAsync("parcel", 2);

        Assert.True(first.HasMore);
        Assert.Equal(SearchCases.PageSize, first.Hits.Count);
        Assert.False(second.HasMore);
        Assert.Equal(3, second.Hits.Count);
        Assert.Empty(first.Hits.Select(h => h.Reference).Intersect(second.Hits.Select(h => h.Reference)));
    }

    [Fact]
    public async Task Overlong_text_and_pages_past_the_limit_are_refused()
    {
        await Assert.ThrowsAsync<ValidationException>(() => SearchAsync(new string('a', SearchCases.MaxTextLength + 1)));
        await Assert.ThrowsAsync<ValidationException>(() => SearchAsync("parcel", SearchCases.MaxPage + 1));
    }
}
