using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Tests.Cases;

public class ReferenceNumberTests
{
    [Fact]
    public void Reads_aloud_as_prefix_year_six_digit_counter_and_check_letter()
    {
        var reference = ReferenceNumber.Create("HD", 2026, 4217);

        Assert.Matches(@"^HD-2026-004217-[A-Z]$", reference.ToString());
        Assert.DoesNotContain(reference.CheckCharacter, "IOQ");
    }

    [Fact]
    public void A_counter_past_six_digits_grows_rather_than_wraps()
    {
        var reference = ReferenceNumber.Create("HD", 2026, 1_234_567);

        Assert.StartsWith("HD-2026-1234567-", reference.ToString(), StringComparison.Ordinal);
        Assert.Equal(reference, ReferenceNumber.Read(reference.ToString()).Reference);
    }

    [Theory]
    [InlineData("hd-2026-004217-{0}")]
    [InlineData("  HD 2026 004217 {0} ")]
    [InlineData("HD2026004217{0}")]
    public void Reads_what_a_person_types_in_any_case_and_spacing(string typed)
    {
        var expected = ReferenceNumber.Create("HD", 2026, 4217);

        var reading = ReferenceNumber.Read(string.Format(System.Globalization.CultureInfo.InvariantCulture, typed, char.ToLowerInvariant(expected.CheckCharacter)));

        Assert.True(reading.IsValid, reading.Explanation);
        Assert.Equal(expected, reading.Reference);
    }

    [Theory]
    [InlineData("", ReferenceNumberProblem.Missing)]
    [InlineData("   ", ReferenceNumberProblem.Missing)]
    [InlineData("2026-004217-K", ReferenceNumberProblem.Malformed)]
    [InlineData("HD-2026-4217-K", ReferenceNumberProblem.Malformed)]
    [InlineData("HD-2026-004217", ReferenceNumberProblem.Malformed)]
    [InlineData("HD-2026-004217-KK", ReferenceNumberProblem.Malformed)]
    [InlineData("HD-2026-004217-7", ReferenceNumberProblem.Malformed)]
    [InlineData("HD-2026-0042X7-K", ReferenceNumberProblem.Malformed)]
    [InlineData("HELPDESK-2026-004217-K", ReferenceNumberProblem.Malformed)]
    [InlineData("'; drop table complaints; --", ReferenceNumberProblem.Malformed)]
    public void Rejects_what_is_not_a_reference_number(string typed, ReferenceNumberProblem problem)
    {
        var reading = ReferenceNumber.Read(typed);

        Assert.False(reading.IsValid);
        Assert.Equal(problem, reading.Problem);
        Assert.False(string.IsNullOrEmpty(reading.Explanation));
    }

    public static TheoryData<int, long> Samples()
    {
        var data = new TheoryData<int, long>();
        var random = new Random(2026);
        foreach (var year in new[] { 2025, 2026, 2027, 2099 })
        {
            data.Add(year, 1);
            data.Add(year, 999_999);
            for (var i = 0; i < 50; i++)
            {
                data.Add(year, random.NextInt64(1, 10_000_000));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_check_letter_catches_every_single_mistyped_digit(int year, long counter)
    {
        var text = ReferenceNumber.Create("HD", year, counter).ToString();

        foreach (var (position, _) in DigitPositions(text))
        {
            for (var digit = '0'; digit <= '9'; digit++)
            {
                if (digit == text[position])
                {
                    continue;
                }

                var mistyped = text[..position] + digit + text[(position + 1)..];
                Assert.False(ReferenceNumber.Read(mistyped).IsValid, $"{mistyped} was accepted for {text}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_check_letter_catches_every_swap_of_neighbouring_digits(int year, long counter)
    {
        var text = ReferenceNumber.Create("HD", year, counter).ToString();
        var digits = DigitPositions(text).Select(d => d.Position).ToArray();

        // Neighbours in the digit sequence, including the pair on either side of the hyphen.
        for (var i = 0; i + 1 < digits.Length; i++)
        {
            var (a, b) = (digits[i], digits[i + 1]);
            if (text[a] == text[b])
            {
                continue;
            }

            var chars = text.ToCharArray();
            (chars[a], chars[b]) = (chars[b], chars[a]);
            var swapped = new string(chars);
            Assert.False(ReferenceNumber.Read(swapped).IsValid, $"{swapped} was accepted for {text}");
        }
    }

    [Fact]
    public void A_wrong_check_letter_is_named_as_a_typing_mistake()
    {
        var text = ReferenceNumber.Create("HD", 2026, 4217).ToString();
        var wrong = text[..^1] + (text[^1] == 'A' ? 'B' : 'A');

        var reading = ReferenceNumber.Read(wrong);

        Assert.Equal(ReferenceNumberProblem.WrongCheckCharacter, reading.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hd")]
    [InlineData("H1")]
    [InlineData("TOOLONG")]
    public void A_prefix_is_one_to_six_capital_letters(string prefix)
    {
        Assert.Throws<ArgumentException>(() => ReferenceNumber.Create(prefix, 2026, 1));
    }

    private static IEnumerable<(int Position, char Digit)> DigitPositions(string text) =>
        text.Select((c, i) => (i, c)).Where(p => char.IsAsciiDigit(p.c));
}
