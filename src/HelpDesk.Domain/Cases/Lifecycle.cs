namespace HelpDesk.Domain.Cases;

/// <summary>How an acknowledgement reached the customer (004, "Acknowledgement").</summary>
public enum AcknowledgementMethod
{
    /// <summary>Said during the call or visit.</summary>
    Verbal,
    Email,
    Postal,
    /// <summary>A call back, e.g. for a letter.</summary>
    Phone,
    /// <summary>A reply in the channel the customer used: the social media thread or the chat.</summary>
    InChannel,
}

/// <summary>How a resolution or an extension was told to the customer.</summary>
public enum CommunicationMethod
{
    Verbal,
    Email,
    Postal,
}

public enum ResolutionOutcome
{
    /// <summary>The analysis and the proposed resolution.</summary>
    Resolved,

    /// <summary>Clear reasons why the request cannot be accommodated.</summary>
    CannotAccommodate,
}

/// <summary>
/// The policy's channel rules for acknowledgements: verbal for phone and in person, email for email,
/// phone, post or email for a letter, whichever fits. Staff may choose otherwise; the page warns them.
/// </summary>
public static class AcknowledgementRules
{
    public static AcknowledgementMethod DefaultFor(Channel channel) => channel switch
    {
        Channel.Phone or Channel.InPerson => AcknowledgementMethod.Verbal,
        Channel.Email or Channel.WebForm => AcknowledgementMethod.Email,
        Channel.PostalMail => AcknowledgementMethod.Postal,
        _ => AcknowledgementMethod.InChannel,
    };

    public static bool Fits(Channel channel, AcknowledgementMethod method) => channel switch
    {
        Channel.PostalMail => method is AcknowledgementMethod.Postal or AcknowledgementMethod.Phone or AcknowledgementMethod.Email,
        _ => method == DefaultFor(channel),
    };

    public static string Describe(this AcknowledgementMethod method) => method switch
    {
        AcknowledgementMethod.Verbal => "verbally",
        AcknowledgementMethod.Email => "by email",
        AcknowledgementMethod.Postal => "by post",
        AcknowledgementMethod.Phone => "by phone",
        _ => "in the customer's channel",
    };

    public static string Describe(this CommunicationMethod method) => method switch
    {
        CommunicationMethod.Verbal => "verbally",
        CommunicationMethod.Email => "by email",
        _ => "by post",
    };
}

/// <summary>Who a case is referred to: the department becomes responsible for resolving it (004).</summary>
public sealed record Referral(int DepartmentId, string DepartmentName, string? AssigneeId, string? AssigneeName)
{
    public string Describe() => AssigneeName is null ? DepartmentName : $"{AssigneeName} ({DepartmentName})";
}

/// <summary>The acknowledgement as staff record it.</summary>
public sealed record AcknowledgementDetails(DateTimeOffset At, AcknowledgementMethod Method, Referral ReferredTo, DateTimeOffset ExpectedResponseBy);

/// <summary>The substantive response (004, "Resolution").</summary>
public sealed record ResolutionDetails(ResolutionOutcome Outcome, string Analysis, string Response, CommunicationMethod CommunicatedBy);
