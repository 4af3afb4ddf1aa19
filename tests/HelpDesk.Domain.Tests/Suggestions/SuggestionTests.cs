using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Suggestions;

namespace HelpDesk.Domain.Tests.Suggestions;

public class SuggestionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor Supervisor = new("lead-1", "Sam Supervisor");

    private static Suggestion FromCustomer(string? name = "Aisha Khan", string? email = "aisha.khan@example.com") =>
        Suggestion.Leave(name, email, SuggestionSource.Customer, "  Open on Saturday mornings.  ", Actor.System, Now);

    private static Suggestion Adopted()
    {
        var suggestion = FromCustomer();
        suggestion.Adopt("The office now opens 9-12 on Saturdays.", Supervisor, Now.AddDays(2));
        return suggestion;
    }

    [Fact]
    public void A_new_suggestion_is_received_trimmed_and_unreviewed()
    {
        var suggestion = FromCustomer(name: "  Aisha Khan ", email: " ");

        Assert.Equal(SuggestionStatus.Received, suggestion.Status);
        Assert.Equal("Open on Saturday mornings.", suggestion.Text);
        Assert.Equal("Aisha Khan", suggestion.Name);
        Assert.Null(suggestion.Email);
        Assert.Equal(Now, suggestion.ReceivedAt);
        Assert.Null(suggestion.RecordedById);
        Assert.Null(suggestion.ReviewedAt);
        Assert.False(suggestion.IsPublished);
    }

    [Fact]
    public void Name_and_email_are_optional_but_the_text_is_not()
    {
        Assert.Null(FromCustomer(name: null, email: null).Name);
        var empty = Assert.Throws<DomainRuleException>(() => Suggestion.Leave(null, null, SuggestionSource.Customer, " ", Actor.System, Now));
        Assert.Contains("required", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_has_a_size_limit()
    {
        var text = new string('x', Suggestion.TextMaxLength + 1);

        Assert.Throws<DomainRuleException>(() => Suggestion.Leave(null, null, SuggestionSource.Customer, text, Actor.System, Now));
        Assert.Equal(Suggestion.TextMaxLength, Suggestion.Leave(null, null, SuggestionSource.Customer, text[1..], Actor.System, Now).Text.Length);
    }

    [Theory]
    [InlineData("Aisha\r\nBcc: x@evil.test", null)]
    [InlineData(null, "aisha@example.com\r\nBcc: x@evil.test")]
    public void A_name_or_email_with_a_line_break_is_refused(string? name, string? email)
    {
        Assert.Throws<DomainRuleException>(() => Suggestion.Leave(name, email, SuggestionSource.Customer, "Text", Actor.System, Now));
    }

    [Fact]
    public void Only_signed_in_staff_leave_a_suggestion_as_staff()
    {
        Assert.Throws<DomainRuleException>(() => Suggestion.Leave(null, null, SuggestionSource.Staff, "Text", Actor.System, Now));

        var staff = Suggestion.Leave(null, null, SuggestionSource.Staff, "Text", new Actor("agent-1", "Alex Agent"), Now);
        Assert.Equal("agent-1", staff.RecordedById);
        Assert.Equal("Alex Agent", staff.RecordedByName);
    }

    [Fact]
    public void Staff_can_record_a_customers_suggestion_from_the_suggestion_book()
    {
        var fromBook = Suggestion.Leave("Walk-in visitor", null, SuggestionSource.Customer, "Chairs at reception.", new Actor("agent-1", "Alex Agent"), Now);

        Assert.Equal(SuggestionSource.Customer, fromBook.Source);
        Assert.Equal("Alex Agent", fromBook.RecordedByName);
    }

    [Fact]
    public void Adopting_records_the_change_made_who_reviewed_it_and_when()
    {
        var suggestion = Adopted();

        Assert.Equal(SuggestionStatus.Adopted, suggestion.Status);
        Assert.Equal("The office now opens 9-12 on Saturdays.", suggestion.Explanation);
        Assert.Equal("lead-1", suggestion.ReviewedById);
        Assert.Equal("Sam Supervisor", suggestion.ReviewedByName);
        Assert.Equal(Now.AddDays(2), suggestion.ReviewedAt);
    }

    [Fact]
    public void Adopting_requires_the_change_made()
    {
        var suggestion = FromCustomer();

        var refused = Assert.Throws<DomainRuleException>(() => suggestion.Adopt("  ", Supervisor, Now));

        Assert.Equal("The change made is required.", refused.Message);
        Assert.Equal(SuggestionStatus.Received, suggestion.Status);
    }

    [Fact]
    public void Declining_requires_a_reason()
    {
        var suggestion = FromCustomer();

        var refused = Assert.Throws<DomainRuleException>(() => suggestion.Decline("", Supervisor, Now));

        Assert.Equal("The reason is required.", refused.Message);
        suggestion.Decline("Our lease does not allow weekend opening.", Supervisor, Now);
        Assert.Equal(SuggestionStatus.Declined, suggestion.Status);
        Assert.Equal("Our lease does not allow weekend opening.", suggestion.Explanation);
    }

    [Fact]
    public void A_suggestion_is_reviewed_once()
    {
        var suggestion = Adopted();

        var again = Assert.Throws<DomainRuleException>(() => suggestion.Decline("Changed our minds.", Supervisor, Now));

        Assert.Contains("already adopted", again.Message, StringComparison.Ordinal);
        Assert.Equal(SuggestionStatus.Adopted, suggestion.Status);
    }

    [Fact]
    public void The_system_cannot_review_a_suggestion()
    {
        Assert.Throws<DomainRuleException>(() => FromCustomer().Adopt("Done.", Actor.System, Now));
    }

    [Fact]
    public void Only_adopted_suggestions_are_published()
    {
        var received = FromCustomer();
        var declined = FromCustomer();
        declined.Decline("No budget this year.", Supervisor, Now);

        Assert.Contains("Adopt the suggestion", Assert.Throws<DomainRuleException>(() => received.Publish("Saturdays", "Open", Supervisor, Now)).Message, StringComparison.Ordinal);
        Assert.Contains("declined", Assert.Throws<DomainRuleException>(() => declined.Publish("Saturdays", "Open", Supervisor, Now)).Message, StringComparison.Ordinal);
        Assert.False(received.IsPublished);
        Assert.False(declined.IsPublished);
    }

    [Fact]
    public void Publishing_shows_the_public_words_and_withdrawing_keeps_them_for_later()
    {
        var suggestion = Adopted();

        suggestion.Publish("Open on Saturday mornings.", "We now open 9-12 on Saturdays.", Supervisor, Now.AddDays(3));

        Assert.True(suggestion.IsPublished);
        Assert.Equal(Now.AddDays(3), suggestion.PublishedAt);
        Assert.Equal("Sam Supervisor", suggestion.PublishedByName);
        suggestion.Withdraw();
        Assert.False(suggestion.IsPublished);
        Assert.Equal("Open on Saturday mornings.", suggestion.PublicSuggestion);
        Assert.Equal("We now open 9-12 on Saturdays.", suggestion.PublicChange);
        Assert.Throws<DomainRuleException>(suggestion.Withdraw);
    }

    [Theory]
    [InlineData("aisha khan asked us to open on Saturdays.", "We open 9-12.")]
    [InlineData("Open on Saturdays.", "We wrote to AISHA.KHAN@example.com and now open 9-12.")]
    public void The_public_words_never_name_the_person_or_give_their_email(string youSaid, string weDid)
    {
        var suggestion = Adopted();

        var refused = Assert.Throws<DomainRuleException>(() => suggestion.Publish(youSaid, weDid, Supervisor, Now));

        Assert.Contains("must not name the person", refused.Message, StringComparison.Ordinal);
        Assert.False(suggestion.IsPublished);
    }

    [Fact]
    public void The_public_words_are_required_and_limited()
    {
        var suggestion = Adopted();

        Assert.Throws<DomainRuleException>(() => suggestion.Publish("", "We did it.", Supervisor, Now));
        Assert.Throws<DomainRuleException>(() => suggestion.Publish("You said.", new string('x', Suggestion.PublicTextMaxLength + 1), Supervisor, Now));
        Assert.False(suggestion.IsPublished);
    }
}
