using System.Globalization;
using System.Text;
using CsvHelper;
using HelpDesk.Web.Reports;

namespace HelpDesk.Web.Tests.Reports;

public sealed class CsvDownloadTests
{
    private sealed record Row(string Subject, int Count, decimal Change, DateTimeOffset At);

    private static List<string[]> ReadBack(byte[] bytes)
    {
        using var reader = new StringReader(new UTF8Encoding(true).GetString(bytes).TrimStart('\uFEFF'));
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }

        return rows;
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+1+2")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\rcmd")]
    public void Text_that_a_spreadsheet_would_run_as_a_formula_is_prefixed_with_an_apostrophe(string subject)
    {
        var bytes = CsvDownload.Write(["Subject"], [subject], s => [s]);

        var rows = ReadBack(bytes);
        Assert.Equal("'" + subject, rows[1][0]);
    }

    [Fact]
    public void Numbers_stay_numbers_and_instants_are_utc_iso_8601()
    {
        var at = new DateTimeOffset(2026, 11, 25, 10, 30, 0, TimeSpan.FromHours(1));
        var bytes = CsvDownload.Write(
            ["Subject", "Count", "Change", "At"],
            [new Row("Late refund, again", -3, -10.5m, at)],
            r => [r.Subject, r.Count, r.Change, r.At]);

        var rows = ReadBack(bytes);
        Assert.Equal(["Subject", "Count", "Change", "At"], rows[0]);
        Assert.Equal(["Late refund, again", "-3", "-10.5", "2026-11-25T09:30:00Z"], rows[1]);
    }

    [Fact]
    public void Quotes_and_line_breaks_inside_a_cell_survive_the_round_trip()
    {
        var subject = "He said \"no\"\nthen hung up";
        var bytes = CsvDownload.Write(["Subject", "Empty"], [subject], s => [s, null]);

        var rows = ReadBack(bytes);
        Assert.Equal(2, rows.Count);
        Assert.Equal([subject, ""], rows[1]);
    }

    [Fact]
    public void The_download_is_utf8_csv_with_a_byte_order_mark_and_a_file_name()
    {
        var result = CsvDownload.From("overdue.csv", ["Name"], ["Zoë"], s => [s]);

        Assert.Equal("text/csv; charset=utf-8", result.ContentType);
        Assert.Equal("overdue.csv", result.FileDownloadName);
        Assert.Equal([0xEF, 0xBB, 0xBF], result.FileContents[..3]);
        Assert.Equal("Zoë", ReadBack(result.FileContents)[1][0]);
    }
}
