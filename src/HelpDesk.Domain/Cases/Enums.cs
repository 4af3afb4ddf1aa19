namespace HelpDesk.Domain.Cases;

/// <summary>What the customer brought us; all three kinds share one lifecycle and one set of deadlines.</summary>
public enum CaseKind
{
    Complaint,
    Question,
    RequestForService,
}

/// <summary>How the customer reached us. The channel decides how an acknowledgement is owed (004).</summary>
public enum Channel
{
    Phone,
    InPerson,
    Email,
    PostalMail,
    SocialMedia,
    LiveChat,
    WebForm,
}

/// <summary>Critical is the policy's "emergency / priority handling" (001 §VI.C).</summary>
public enum Priority
{
    Low,
    Normal,
    High,
    Critical,
}

public enum CaseStatus
{
    Logged,
    Acknowledged,
    InProgress,
    WaitingOnCustomer,
    Resolved,
    Closed,
}

public static class CaseWords
{
    public static string Describe(this CaseKind kind) => kind switch
    {
        CaseKind.Complaint => "Complaint",
        CaseKind.Question => "Question",
        CaseKind.RequestForService => "Request for service",
        _ => kind.ToString(),
    };

    public static string Describe(this Channel channel) => channel switch
    {
        Channel.Phone => "Phone",
        Channel.InPerson => "In person",
        Channel.Email => "Email",
        Channel.PostalMail => "Postal mail",
        Channel.SocialMedia => "Social media",
        Channel.LiveChat => "Live chat",
        Channel.WebForm => "Web form",
        _ => channel.ToString(),
    };

    public static string Describe(this CaseStatus status) => status switch
    {
        CaseStatus.WaitingOnCustomer => "Waiting on customer",
        CaseStatus.InProgress => "In progress",
        _ => status.ToString(),
    };
}
