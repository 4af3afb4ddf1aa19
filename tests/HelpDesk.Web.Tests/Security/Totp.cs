using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// What an authenticator app does (RFC 6238 over RFC 4226: HMAC-SHA1 of the 30-second step count,
/// dynamically truncated to 6 digits), written out here so the tests check Identity's codes against
/// the standard rather than against Identity itself.
/// </summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string CodeFor(string base32Key, DateTimeOffset at)
    {
        var key = Base32Decode(base32Key);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238's default, and what every authenticator app uses with these keys.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", CultureInfo.InvariantCulture);
    }

    public static byte[] Base32Decode(string text)
    {
        var bits = 0;
        var buffer = 0;
        var bytes = new List<byte>();
        foreach (var c in text.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            var index = Base32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new FormatException($"'{c}' is not a base32 character.");
            }

            buffer = (buffer << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. bytes];
    }

    [Fact]
    public static void The_calculator_gives_the_rfc_6238_test_vectors()
    {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890" (base32 below), last 6 of the 8 digits.
        const string key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        Assert.Equal("287082", CodeFor(key, DateTimeOffset.FromUnixTimeSeconds(59)));
        Assert.Equal("081804", CodeFor(key, DateTimeOffset.FromUnixTimeSeconds(1111111109)));
        Assert.Equal("005924", CodeFor(key, DateTimeOffset.FromUnixTimeSeconds(1234567890)));
    }
}
