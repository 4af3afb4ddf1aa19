using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Conversations;

namespace HelpDesk.Domain.Tests.Conversations;

/// <summary>docs/email.md, "Which case a message joins", rule 2: a valid reference anywhere in the subject.</summary>
public sealed class SubjectReferenceTests
{
    private static readonly string Reference = ReferenceNumber.Create("HD", 2026, 4217).ToString();

    [Theory]
    [InlineData("Re: {0}")]
    [InlineData("RE: RE: [{0}] We have your complaint")]
    [InlineData("Fwd: {0}")]
    [InlineData("FW: ({0})")]
    [InlineData("AW: Ihre Beschwerde {0}")]
    [InlineData("WG: {0}")]
    [InlineData("SV: Antw: {{{0}}}")]
    [InlineData("[{0}]")]
    [InlineData("my complaint hd 2026 004217 {1}")]
    [InlineData("my complaint hd2026004217{1}")]
    public void A_reference_behind_any_prefix_or_bracket_or_typed_by_hand_is_found(string subject)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, subject, Reference, char.ToLowerInvariant(Reference[^1]));

        Assert.Equal(Reference, SubjectReference.Find(text)?.ToString());
    }

    [Fact]
    public void A_reference_with_a_wrong_check_letter_matches_nothing()
    {
        var wrong = Reference[..^1] + (Reference[^1] == 'A' ? 'B' : 'A');

        Assert.Null(SubjectReference.Find($"Re: [{wrong}]"));
    }

    [Fact]
    public void The_first_valid_reference_wins_over_a_mistyped_one_before_it()
    {
        var wrong = Reference[..^1] + (Reference[^1] == 'A' ? 'B' : 'A');
        var other = ReferenceNumber.Create("HD", 2026, 17).ToString();

        Assert.Equal(other, SubjectReference.Find($"{wrong} and {other}")?.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Order 2026004217 arrived")]
    [InlineData("XHD-2026-004217-K9")]
    public void Subjects_without_a_reference_match_nothing(string? subject) =>
        Assert.Null(SubjectReference.Find(subject));

    [Fact]
    public void An_outgoing_subject_carries_the_reference_in_brackets_once()
    {
        Assert.Equal($"[{Reference}] We have your complaint", SubjectReference.Tag("We have your complaint", Reference));
        Assert.Equal($"Your complaint {Reference}", SubjectReference.Tag($"Your complaint {Reference}", Reference));
    }
}
