using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HelpDesk.Domain.Conversations;

/// <summary>
/// A file a customer or a member of staff sent with a message, kept in the database with its case
/// (docs/email.md, "Attachments"). It is only ever served as a download, under a safe name, with the
/// type HelpDesk detected from its bytes, never the type the sender claimed.
/// </summary>
public sealed class CaseAttachment
{
    public const int FileNameMaxLength = 200;

    private CaseAttachment() { }

    public long Id { get; private set; }
    public long ComplaintId { get; private set; }
    public long CaseMessageId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Length { get; private set; }

    /// <summary>SHA-256 of the content, hex: lets staff tell two files apart without opening them.</summary>
    public string Sha256 { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public static CaseAttachment Keep(long complaintId, string? offeredName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new CaseAttachment
        {
            ComplaintId = complaintId,
            FileName = AttachmentFileName.MakeSafe(offeredName),
            ContentType = DetectedContentType.Of(content),
            Length = content.LongLength,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
            Content = content,
        };
    }

    /// <summary>"report.pdf (1.2 MB)": how a file is named to its reader, here and in refusals.</summary>
    public static string Describe(string name, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} ({Size(length)})");

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB"),
    };
}

/// <summary>
/// How much a message may bring (docs/email.md, "Attachments"): a file at most <see cref="MaxFileBytes"/>,
/// a message's files together at most <see cref="MaxMessageBytes"/>. A file past either is refused and
/// named in the refusal; the rest of the message is kept.
/// </summary>
public sealed record AttachmentLimits(long MaxFileBytes, long MaxMessageBytes)
{
    public static readonly AttachmentLimits Default = new(10L * 1024 * 1024, 25L * 1024 * 1024);

    /// <summary>Which files to keep, in order, and one sentence naming those refused (null when none was).</summary>
    public (IReadOnlyList<int> Kept, string? Refused) Choose(IReadOnlyList<(string Name, long Length)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var kept = new List<int>();
        var refused = new List<string>();
        long total = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var (name, length) = files[i];
            var safe = AttachmentFileName.MakeSafe(name);
            if (length > MaxFileBytes)
            {
                refused.Add($"{CaseAttachment.Describe(safe, length)} is larger than {CaseAttachment.Size(MaxFileBytes)} a file");
            }
            else if (total + length > MaxMessageBytes)
            {
                refused.Add($"{CaseAttachment.Describe(safe, length)} would take the message past {CaseAttachment.Size(MaxMessageBytes)}");
            }
            else
            {
                total += length;
                kept.Add(i);
            }
        }

        return (kept, refused.Count == 0 ? null : $"Not kept: {string.Join("; ", refused)}.");
    }
}

/// <summary>
/// A file name that is safe to show and to offer as a download: no folders, no control characters,
/// no characters Windows or a shell would treat specially, not hidden, not empty, and not too long.
/// </summary>
public static class AttachmentFileName
{
    private const string Fallback = "attachment";

    public static string MakeSafe(string? offered)
    {
        var name = offered ?? "";
        var lastSlash = name.LastIndexOfAny(['/', '\\']);
        if (lastSlash >= 0)
        {
            name = name[(lastSlash + 1)..];
        }

        var safe = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            safe.Append(char.IsControl(c) || c is '<' or '>' or ':' or '"' or '|' or '?' or '*' or '\u2028' or '\u2029' || char.IsSurrogate(c) && !char.IsLetterOrDigit(c) ? '_' : c);
        }

        var result = safe.ToString().Trim().TrimStart('.').TrimEnd('.', ' ');
        if (result.Length == 0)
        {
            return Fallback;
        }

        if (result.Length <= CaseAttachment.FileNameMaxLength)
        {
            return result;
        }

        // Keep the extension, which says what the file is, and cut the name before it.
        var dot = result.LastIndexOf('.');
        var extension = dot > 0 && result.Length - dot <= 16 ? result[dot..] : "";
        return result[..(CaseAttachment.FileNameMaxLength - extension.Length)] + extension;
    }
}

/// <summary>
/// The type a file is served as, from its first bytes: a file that claims to be a picture but is a
/// page of HTML is served as what it is, and anything HelpDesk does not recognise as
/// <c>application/octet-stream</c>. Served always as a download with <c>nosniff</c>, so no type
/// here makes a browser render it.
/// </summary>
public static class DetectedContentType
{
    public const string Unknown = "application/octet-stream";

    private static readonly (byte[] Signature, string Type)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), "application/pdf"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "image/png"),
        ([0xFF, 0xD8, 0xFF], "image/jpeg"),
        ("GIF87a"u8.ToArray(), "image/gif"),
        ("GIF89a"u8.ToArray(), "image/gif"),
        ([0x50, 0x4B, 0x03, 0x04], "application/zip"),
        ([0x1F, 0x8B], "application/gzip"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "application/x-ole-storage"),
    ];

    public static string Of(ReadOnlySpan<byte> content)
    {
        foreach (var (signature, type) in Signatures)
        {
            if (content.StartsWith(signature))
            {
                return type;
            }
        }

        if (content.Length >= 12 && content[..4].SequenceEqual("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        return LooksLikeText(content) ? "text/plain" : Unknown;
    }

    // Text (HTML, CSV and scripts included) is served as plain text: a download either way, and
    // never a type a browser would run.
    private static bool LooksLikeText(ReadOnlySpan<byte> content)
    {
        var sample = content.Length > 4096 ? content[..4096] : content;
        if (sample.IsEmpty || sample.Contains((byte)0))
        {
            return false;
        }

        var truncated = sample.Length < content.Length;
        while (!sample.IsEmpty)
        {
            switch (Rune.DecodeFromUtf8(sample, out _, out var used))
            {
                case OperationStatus.Done:
                    sample = sample[used..];
                    break;
                case OperationStatus.NeedMoreData:
                    // A character cut by the end of the sample, not of the file, is not a reason to call it binary.
                    return truncated;
                default:
                    return false;
            }
        }

        return true;
    }
}
