using HelpDesk.Domain.Conversations;

namespace HelpDesk.Domain.Tests.Conversations;

/// <summary>docs/email.md, "Attachments": safe names, detected types, and the size limits.</summary>
public sealed class AttachmentRulesTests
{
    [Theory]
    [InlineData("statement.pdf", "statement.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\aisha\\letter.docx", "letter.docx")]
    [InlineData(".htaccess", "htaccess")]
    [InlineData("in\u0000voice\r\n.pdf", "in_voice__.pdf")]
    [InlineData("what?<b>.txt", "what__b_.txt")]
    [InlineData("", "attachment")]
    [InlineData(null, "attachment")]
    [InlineData("...", "attachment")]
    public void Names_are_made_safe(string? offered, string safe) =>
        Assert.Equal(safe, AttachmentFileName.MakeSafe(offered));

    [Fact]
    public void A_long_name_keeps_its_extension()
    {
        var safe = AttachmentFileName.MakeSafe(new string('a', 500) + ".pdf");

        Assert.Equal(CaseAttachment.FileNameMaxLength, safe.Length);
        Assert.EndsWith(".pdf", safe, StringComparison.Ordinal);
    }

    [Fact]
    public void The_type_comes_from_the_bytes_never_the_name()
    {
        Assert.Equal("application/pdf", DetectedContentType.Of("%PDF-1.7 ..."u8));
        Assert.Equal("image/png", DetectedContentType.Of([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));
        Assert.Equal("image/jpeg", DetectedContentType.Of([0xFF, 0xD8, 0xFF, 0xE0]));
        Assert.Equal("text/plain", DetectedContentType.Of("<html><script>alert(1)</script></html>"u8));
        Assert.Equal("text/plain", DetectedContentType.Of("Grüße aus Köln"u8));
        Assert.Equal(DetectedContentType.Unknown, DetectedContentType.Of([0x00, 0x01, 0x02, 0xFE]));
        Assert.Equal(DetectedContentType.Unknown, DetectedContentType.Of([]));
    }

    [Fact]
    public void A_character_cut_by_the_sample_is_still_text_but_invalid_utf8_is_not()
    {
        var long_ = new byte[5000];
        Array.Fill(long_, (byte)'a');
        "é"u8.CopyTo(long_.AsSpan(4095));
        Assert.Equal("text/plain", DetectedContentType.Of(long_));
        Assert.Equal(DetectedContentType.Unknown, DetectedContentType.Of([(byte)'a', 0xC3, (byte)'a']));
    }

    [Fact]
    public void Files_past_either_limit_are_refused_by_name_and_the_rest_kept()
    {
        var limits = new AttachmentLimits(MaxFileBytes: 10, MaxMessageBytes: 15);

        var (kept, refused) = limits.Choose([("a.txt", 8), ("huge.bin", 11), ("b.txt", 6), ("c.txt", 7)]);

        Assert.Equal([0, 2], kept);
        Assert.Equal("Not kept: huge.bin (11 bytes) is larger than 10 bytes a file; c.txt (7 bytes) would take the message past 15 bytes.", refused);
    }

    [Fact]
    public void Nothing_refused_says_nothing() =>
        Assert.Null(AttachmentLimits.Default.Choose([("a.txt", 1)]).Refused);

    [Fact]
    public void A_kept_file_records_its_size_and_hash()
    {
        var file = CaseAttachment.Keep(1, "a.txt", "abc"u8.ToArray());

        Assert.Equal(3, file.Length);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", file.Sha256);
    }
}
