namespace HelpDesk.Application.Persistence;

/// <summary>The last reference number counter issued in a year; one row per year.</summary>
public sealed class ReferenceCounter
{
    public int Year { get; set; }
    public long LastValue { get; set; }
}
