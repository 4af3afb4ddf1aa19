using HelpDesk.Domain.Conversations;

namespace HelpDesk.Domain.Tests.Conversations;

/// <summary>docs/email.md, "Loops, bounces and noise": what a machine wrote is never acknowledged.</summary>
public sealed class AutomaticMailTests
{
    private static readonly string[] Own = ["helpdesk@desk.example", "support@desk.example"];

    private static string? ReasonFor(string? sender, params (string Name, string Value)[] headers) =>
        AutomaticMail.Reason(name => headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault(), sender, Own);

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied")]
    [InlineData("Auto-Submitted", "auto-generated; owner-email=x@y")]
    [InlineData("Precedence", "bulk")]
    [InlineData("Precedence", "JUNK")]
    [InlineData("Precedence", "list")]
    [InlineData("X-Autoreply", "yes")]
    [InlineData("X-Autorespond", "Out of office")]
    [InlineData("List-Id", "<news.shop.example>")]
    public void Headers_that_mark_automatic_mail_are_recognised(string name, string value) =>
        Assert.NotNull(ReasonFor("someone@example.com", (name, value)));

    [Theory]
    [InlineData("MAILER-DAEMON@mx.example.com")]
    [InlineData("postmaster@example.com")]
    [InlineData("mailer-daemon")]
    [InlineData("SUPPORT@desk.example")]
    public void Mail_systems_and_our_own_addresses_are_automatic(string sender) =>
        Assert.NotNull(ReasonFor(sender));

    [Fact]
    public void A_person_writing_is_not_automatic()
    {
        Assert.Null(ReasonFor("aisha@example.com"));
        Assert.Null(ReasonFor("aisha@example.com", ("Auto-Submitted", "no")));
        Assert.Null(ReasonFor("aisha@example.com", ("Precedence", "first-class")));
    }

    [Fact]
    public void The_reason_names_the_header_for_the_timeline() =>
        Assert.Equal("Auto-Submitted: auto-replied", ReasonFor("a@example.com", ("Auto-Submitted", "auto-replied")));
}
