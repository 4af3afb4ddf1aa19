using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace HelpDesk.Web.Reports;

/// <summary>
/// Every dashboard table exports through here, so every export is neutralised the same way: a text
/// cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is prefixed
/// with an apostrophe, because a spreadsheet would otherwise run a customer's subject line as a
/// formula. Numbers are written as numbers (a negative figure stays a number, not text).
/// </summary>
public static class CsvDownload
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        // Neutralised below, per cell, so that numbers are left alone.
        InjectionOptions = InjectionOptions.None,
    };

    /// <summary>Writes a header row from <paramref name="headers"/> and one row per item, in order.</summary>
    public static FileContentResult From<T>(string fileName, IReadOnlyList<string> headers, IEnumerable<T> rows, Func<T, IEnumerable<object?>> cells)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cells);
        return new FileContentResult(Write(headers, rows, cells), "text/csv; charset=utf-8")
        {
            FileDownloadName = fileName,
        };
    }

    public static byte[] Write<T>(IReadOnlyList<string> headers, IEnumerable<T> rows, Func<T, IEnumerable<object?>> cells)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(cells);
        using var buffer = new MemoryStream();

        // A byte order mark, so Excel opens UTF-8 names and accents correctly.
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, Configuration))
        {
            foreach (var header in headers)
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var cell in cells(row))
                {
                    csv.WriteField(Format(cell));
                }

                csv.NextRecord();
            }
        }

        return buffer.ToArray();
    }

    // Instants go out as ISO 8601 UTC and numbers in the invariant culture, so a re-import reads them back.
    private static string Format(object? cell) => cell switch
    {
        null => "",
        DateTimeOffset instant => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => Neutralise(cell.ToString() ?? ""),
    };

    private static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
