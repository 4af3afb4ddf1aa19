using System.Globalization;
using System.Text;

namespace HelpDesk.Domain.Cases;

/// <summary>
/// A case's reference number as a customer reads it over the phone: <c>HD-2026-004217-K</c>, a
/// prefix, the year, a counter zero-padded to six digits and a check letter.
/// </summary>
/// <remarks>
/// The check letter is a weighted sum of the year's and the counter's digits modulo 23, with the
/// weights 1, 2, 3, … . Because 23 is prime and larger than any difference between two digits, a
/// single mistyped digit always changes the sum, and because neighbouring weights differ by one, so
/// does a swap of two neighbouring digits. The 23 letters leave out I, O and Q, which are read as 1,
/// 0 and O. The weights must stay below 23, so the counter has at most 12 digits.
/// </remarks>
public readonly record struct ReferenceNumber
{
    public const int CounterDigits = 6;
    public const int MaxCounterDigits = 12;
    public const int MaxPrefixLength = 6;
    public const int MaxLength = MaxPrefixLength + 1 + 4 + 1 + MaxCounterDigits + 2;
    internal const string CheckAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ";
    private const long MaxCounter = 999_999_999_999;

    private ReferenceNumber(string prefix, int year, long counter)
    {
        Prefix = prefix;
        Year = year;
        Counter = counter;
        CheckCharacter = ComputeCheckCharacter(year, counter);
    }

    public string Prefix { get; }
    public int Year { get; }
    public long Counter { get; }
    public char CheckCharacter { get; }

    public static ReferenceNumber Create(string prefix, int year, long counter)
    {
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException($"A reference prefix is 1 to {MaxPrefixLength} letters A–Z; '{prefix}' is not.", nameof(prefix));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(counter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(counter, MaxCounter);
        return new ReferenceNumber(prefix, year, counter);
    }

    public static bool IsValidPrefix(string? prefix) =>
        prefix is { Length: > 0 and <= MaxPrefixLength } && prefix.All(c => c is >= 'A' and <= 'Z');

    /// <summary>
    /// Reads what a person typed: any case, spaces or hyphens between the parts, surrounding blanks.
    /// Rejects a malformed text or a wrong check letter before anything looks the case up.
    /// </summary>
    public static ReferenceNumberReading Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ReferenceNumberReading.Failed(ReferenceNumberProblem.Missing);
        }

        var compact = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (c is '-' or ' ' or '\u2013' or '\u2011')
            {
                continue;
            }

            compact.Append(char.ToUpperInvariant(c));
        }

        var s = compact.ToString();
        var i = 0;
        while (i < s.Length && s[i] is >= 'A' and <= 'Z')
        {
            i++;
        }

        var prefix = s[..i];
        var digitsStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        var digits = s[digitsStart..i];
        var rest = s[i..];
        if (!IsValidPrefix(prefix) || rest.Length != 1 || rest[0] is < 'A' or > 'Z'
            || digits.Length < 4 + CounterDigits || digits.Length > 4 + MaxCounterDigits)
        {
            return ReferenceNumberReading.Failed(ReferenceNumberProblem.Malformed);
        }

        // The check is taken over the digits as typed, so that a slip that happens to leave a leading
        // zero (4939410 typed as 0939410) still changes the weights and is caught.
        if (CheckCharacterOf(digits) != rest[0])
        {
            return ReferenceNumberReading.Failed(ReferenceNumberProblem.WrongCheckCharacter);
        }

        var year = int.Parse(digits.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var counter = long.Parse(digits.AsSpan(4), CultureInfo.InvariantCulture);
        var canonical = digits.Length == 4 + CounterDigits || digits[4] != '0';
        return year >= 1000 && counter >= 1 && canonical
            ? ReferenceNumberReading.Succeeded(new ReferenceNumber(prefix, year, counter))
            : ReferenceNumberReading.Failed(ReferenceNumberProblem.Malformed);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Year:D4}-{Counter.ToString("D" + CounterDigits, CultureInfo.InvariantCulture)}-{CheckCharacter}");

    internal static char ComputeCheckCharacter(int year, long counter)
    {
        return CheckCharacterOf(string.Create(CultureInfo.InvariantCulture, $"{year:D4}{counter.ToString("D" + CounterDigits, CultureInfo.InvariantCulture)}"));
    }

    private static char CheckCharacterOf(string digits)
    {
        var sum = 0;
        for (var position = 0; position < digits.Length; position++)
        {
            sum += (position + 1) * (digits[position] - '0');
        }

        return CheckAlphabet[sum % CheckAlphabet.Length];
    }
}

public enum ReferenceNumberProblem
{
    None,
    Missing,
    Malformed,
    WrongCheckCharacter,
}

public readonly record struct ReferenceNumberReading(ReferenceNumber? Reference, ReferenceNumberProblem Problem)
{
    public bool IsValid => Reference is not null;

    public string? Explanation => Problem switch
    {
        ReferenceNumberProblem.None => null,
        ReferenceNumberProblem.Missing => "Enter the reference number.",
        ReferenceNumberProblem.Malformed => "A reference number looks like HD-2026-004217-K: letters, the year, six or more digits and a check letter.",
        ReferenceNumberProblem.WrongCheckCharacter => "That reference number has a typing mistake: its check letter does not match. Please compare it with the one you were given.",
        _ => "That is not a reference number.",
    };

    internal static ReferenceNumberReading Succeeded(ReferenceNumber reference) => new(reference, ReferenceNumberProblem.None);

    internal static ReferenceNumberReading Failed(ReferenceNumberProblem problem) => new(null, problem);
}
