using HelpDesk.Application.Features.Complaints;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Testing;

/// <summary>
/// The one way tests build the command that logs a case. What a test is about is named at the call
/// site: when the case was received, on which channel, of which complaint type, from which customer.
/// Everything else is a normal-priority complaint, "Charged twice"; a test that cares about any of it
/// says so with <c>with { ... }</c>.
/// </summary>
public static class CaseBuilder
{
    /// <summary>The customer most tests log for, with an email address (so emails to her are queued).</summary>
    public static readonly Customer Aisha = new("Aisha Khan", "aisha@example.com");

    public static LogComplaint.Command Command(DateTimeOffset receivedAt, Channel channel, int complaintTypeId, Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return new LogComplaint.Command
        {
            ReceivedAt = receivedAt,
            Channel = channel,
            Kind = CaseKind.Complaint,
            ComplaintTypeId = complaintTypeId,
            Priority = Priority.Normal,
            CustomerName = customer.Name,
            CustomerEmail = customer.Email,
            CustomerPhone = customer.Phone,
            CustomerPostalAddress = customer.PostalAddress,
            Subject = "Charged twice",
            Description = "Twice in October.",
        };
    }

    /// <summary>Who complained and how to reach them; the command needs at least one way.</summary>
    public sealed record Customer(string Name, string? Email = null, string? Phone = null, string? PostalAddress = null);
}
