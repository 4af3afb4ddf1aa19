namespace HelpDesk.Application.Features.Complaints;

/// <summary>No case has that reference number; pages answer 404.</summary>
public sealed class CaseNotFoundException : Exception
{
    public CaseNotFoundException(string reference) : base($"No case has the reference {reference}.") => Reference = reference;

    public CaseNotFoundException() { }

    public CaseNotFoundException(string message, Exception innerException) : base(message, innerException) { }

    public string? Reference { get; }
}
