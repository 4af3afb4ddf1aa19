namespace HelpDesk.Domain.Messages;

/// <summary>The keys of the messages HelpDesk sends; code queues a message by its key.</summary>
public static class TemplateKeys
{
    public const string AcknowledgementEmail = "acknowledgement-email";
    public const string AcknowledgementLetter = "acknowledgement-letter";
    public const string ExtensionNotice = "extension-notice";
    public const string Resolution = "resolution";
    public const string SatisfactionSurvey = "satisfaction-survey";
    public const string Reply = "reply";
    public const string WaitingOnCustomer = "waiting-on-customer";
    public const string CustomerUpdate = "customer-update";
    public const string SuggestionOutcome = "suggestion-outcome";
    public const string DueSoonNotice = "due-soon-notice";
    public const string EscalationNotice = "escalation-notice";
    public const string PasswordReset = "password-reset";
    public const string CustomerMessageNotice = "customer-message-notice";
}

/// <summary>The names of the values a template can insert, written <c>{name}</c> in its text.</summary>
public static class Placeholders
{
    public const string Reference = "reference";
    public const string CustomerName = "customer_name";
    public const string CustomerAddress = "customer_address";
    public const string Subject = "subject";
    public const string ReceivedOn = "received_on";
    /// <summary>The first name of the person the case is with, or the department when nobody is named (never a surname).</summary>
    public const string ReferredTo = "referred_to";

    /// <summary>Who has the case, for a sentence: "Sam in Billing", or "Billing" when nobody is named.</summary>
    public const string HandledBy = "handled_by";

    /// <summary>Who signs: "Sam" above "Billing", or the department alone when nobody is named.</summary>
    public const string SignedBy = "signed_by";
    public const string Department = "department";
    public const string ExpectedBy = "expected_by";
    public const string Reason = "reason";
    public const string Resolution = "resolution";
    public const string SurveyLink = "survey_link";
    public const string Suggestion = "suggestion";
    public const string Decision = "decision";
    public const string Explanation = "explanation";
    public const string StaffName = "staff_name";
    public const string Deadline = "deadline";
    public const string DueAt = "due_at";
    public const string Tier = "tier";
    public const string EscalatedBy = "escalated_by";
    public const string CaseLink = "case_link";
    public const string Today = "today";
    public const string ResetLink = "reset_link";

    /// <summary>What a member of staff wrote to the customer, as typed.</summary>
    public const string Reply = "reply";

    /// <summary>
    /// The signed, expiring link to the case on the status page: filled by the outbox itself for every
    /// customer email about a case (docs/security.md, "The customer's status link").
    /// </summary>
    public const string StatusLink = "status_link";

    /// <summary>What the customer's message did to the case, in a sentence for staff.</summary>
    public const string Effect = "effect";

    /// <summary>What the case needs from the customer before work can go on, as typed by staff.</summary>
    public const string WhatIsNeeded = "what_is_needed";

    /// <summary>An update on the case for the customer, as typed by staff.</summary>
    public const string Update = "update";
}

public enum MessageAudience
{
    /// <summary>The customer who made contact (or left a suggestion).</summary>
    Customer,

    /// <summary>A member of staff: the case's owner, or whoever an escalation goes to.</summary>
    Staff,
}

/// <summary>How the message travels: email through the outbox, or a letter staff print and post.</summary>
public enum MessageMedium
{
    Email,
    Letter,
}

/// <summary>One message HelpDesk sends: what it is for, the values it may insert and its standard wording.</summary>
public sealed record StandardMessage(
    string Key,
    string Name,
    string Purpose,
    MessageAudience Audience,
    MessageMedium Medium,
    IReadOnlyList<string> Placeholders,
    string Subject,
    string Body);

/// <summary>
/// Every message HelpDesk sends, with standard language written from the policy (004: acknowledge
/// within one business day noting who it is referred to and when to expect a response; a substantive
/// response within seven, or notice of the new date; suggestions answered with the change made or
/// valid reasons; 001: surveys and escalation tiers). Seeded once; administrators edit the wording.
/// </summary>
public static class StandardMessages
{
    // Staff are named to customers by first name only (docs/public-forms.md, "What the customer sees"):
    // {referred_to}, {handled_by} and {signed_by} are filled by CustomerFacingNames.
    private static readonly string[] CaseValues = [Placeholders.Reference, Placeholders.CustomerName, Placeholders.Subject, Placeholders.ReceivedOn, Placeholders.ReferredTo, Placeholders.HandledBy, Placeholders.SignedBy, Placeholders.Department, Placeholders.ExpectedBy];

    // The letter's values are the email's without the link: a letter is printed, not clicked.
    private static readonly string[] CaseEmailValues = [.. CaseValues, Placeholders.StatusLink];

    public static readonly IReadOnlyList<StandardMessage> All =
    [
        new(TemplateKeys.AcknowledgementEmail, "Acknowledgement (email)",
            "Sent when a case that came in by email (or a letter answered by email) is acknowledged.",
            MessageAudience.Customer, MessageMedium.Email, CaseEmailValues,
            "We have received your message – reference {reference}",
            """
            Dear {customer_name},

            Thank you for contacting us on {received_on} about "{subject}". We have logged it under reference {reference}; please quote this number whenever you get in touch about it.

            Your case has been referred to {handled_by}, who will look into it and respond to you by {expected_by}.

            If anything changes in the meantime, or you have more information for us, simply reply to this email, or write to us and follow your case here:
            {status_link}

            Kind regards,
            Customer Service
            """),
        new(TemplateKeys.AcknowledgementLetter, "Acknowledgement (postal letter)",
            "Printed and posted when a case that came in by post is acknowledged by letter.",
            MessageAudience.Customer, MessageMedium.Letter, [.. CaseValues, Placeholders.CustomerAddress, Placeholders.Today],
            "Your letter of {received_on} – reference {reference}",
            """
            {customer_name}
            {customer_address}

            {today}

            Reference: {reference}

            Dear {customer_name},

            Thank you for your letter of {received_on} about "{subject}". We have logged it under the reference above; please quote it whenever you contact us about this matter.

            Your case has been referred to {handled_by}. You can expect a full response by {expected_by}.

            Yours sincerely,
            Customer Service
            """),
        new(TemplateKeys.ExtensionNotice, "Extension notice",
            "Sent when the resolution deadline cannot be met, with the new date the customer can expect a response.",
            MessageAudience.Customer, MessageMedium.Email, [Placeholders.Reference, Placeholders.CustomerName, Placeholders.Subject, Placeholders.ReferredTo, Placeholders.HandledBy, Placeholders.SignedBy, Placeholders.Department, Placeholders.ExpectedBy, Placeholders.Reason, Placeholders.StatusLink],
            "An update on your case {reference}: new response date",
            """
            Dear {customer_name},

            We are still working on your case {reference} about "{subject}", and we are sorry that we cannot give you a full response by the date we promised.

            The reason: {reason}

            You can now expect our response by {expected_by}. {handled_by} remains responsible for your case.

            Follow your case, or write to us about it, here:
            {status_link}

            Kind regards,
            Customer Service
            """),
        new(TemplateKeys.Resolution, "Resolution",
            "The substantive response: our analysis of the issue and the proposed resolution, or clear reasons why the request cannot be accommodated.",
            MessageAudience.Customer, MessageMedium.Email, [Placeholders.Reference, Placeholders.CustomerName, Placeholders.Subject, Placeholders.ReferredTo, Placeholders.HandledBy, Placeholders.SignedBy, Placeholders.Department, Placeholders.Resolution, Placeholders.StatusLink],
            "Our response to your case {reference}",
            """
            Dear {customer_name},

            Thank you for your patience while we looked into "{subject}" (reference {reference}).

            {resolution}

            If you are not satisfied with this response, reply to this email quoting your reference, or write to us on your case's page, and we will look at it again:
            {status_link}

            Kind regards,
            {signed_by}
            """),
        new(TemplateKeys.SatisfactionSurvey, "Satisfaction survey",
            "Sent after resolution to ask how satisfied the customer is (1–5) and whether they would recommend us (0–10).",
            MessageAudience.Customer, MessageMedium.Email, [Placeholders.Reference, Placeholders.CustomerName, Placeholders.Subject, Placeholders.SurveyLink, Placeholders.StatusLink],
            "How did we do? Your case {reference}",
            """
            Dear {customer_name},

            We recently responded to your case {reference} about "{subject}". We would like to know how well we handled it.

            Please take a minute to answer two questions:
            {survey_link}

            Your answers help us improve our service. Thank you.

            Your case stays on our status page:
            {status_link}

            Kind regards,
            Customer Service
            """),
        new(TemplateKeys.Reply, "Reply",
            "A member of staff's reply to the customer, written on the case page; the customer's answer comes back to the case.",
            MessageAudience.Customer, MessageMedium.Email, [Placeholders.Reference, Placeholders.CustomerName, Placeholders.Subject, Placeholders.Reply, Placeholders.SignedBy, Placeholders.Department, Placeholders.StatusLink],
            "Re: {subject}",
            """
            Dear {customer_name},

            {reply}

            Reply to this email, or answer on your case's page (with files if you need to):
            {status_link}

            Kind regards,
            {signed_by}
            """),
        new(TemplateKeys.WaitingOnCustomer, "Waiting on the customer",
            "Sent when a case waits on the customer: what we need from them; the resolution clock is paused until they answer.",
            MessageAudience.Customer, MessageMedium.Email, [.. CaseEmailValues, Placeholders.WhatIsNeeded],
            "We need something from you – reference {reference}",
            """
            Dear {customer_name},

            To go on with your case {reference} about "{subject}", we need the following from you:

            {what_is_needed}

            Simply reply to this email, or answer on your case's page (with files if you need to):
            {status_link}

            We will carry on as soon as we hear from you.

            Kind regards,
            {signed_by}
            """),
        new(TemplateKeys.CustomerUpdate, "Update on the case",
            "Sent when staff add an update for the customer on the case page.",
            MessageAudience.Customer, MessageMedium.Email, [.. CaseEmailValues, Placeholders.Update],
            "An update on your case {reference}",
            """
            Dear {customer_name},

            {update}

            If you have any questions, simply reply to this email, or write on your case's page:
            {status_link}

            Kind regards,
            {signed_by}
            """),
        new(TemplateKeys.SuggestionOutcome, "Suggestion outcome",
            "Tells the person who left a suggestion whether it was adopted (and what changed) or declined (and why).",
            MessageAudience.Customer, MessageMedium.Email, [Placeholders.CustomerName, Placeholders.Suggestion, Placeholders.Decision, Placeholders.Explanation],
            "Your suggestion: {decision}",
            """
            Dear {customer_name},

            Thank you for your suggestion:

            "{suggestion}"

            We have reviewed it and it has been {decision}.

            {explanation}

            We value every suggestion; please keep them coming.

            Kind regards,
            Customer Service
            """),
        new(TemplateKeys.DueSoonNotice, "Due soon (staff)",
            "Warns the case's owner that a deadline is close.",
            MessageAudience.Staff, MessageMedium.Email, [Placeholders.StaffName, Placeholders.Reference, Placeholders.Subject, Placeholders.Deadline, Placeholders.DueAt, Placeholders.CaseLink],
            "Due soon: {deadline} for {reference}",
            """
            {staff_name},

            The {deadline} deadline for case {reference} ("{subject}") falls due at {due_at}.

            Open the case: {case_link}

            HelpDesk
            """),
        new(TemplateKeys.EscalationNotice, "Escalation (staff)",
            "Tells the new owner that a case has been escalated to them.",
            MessageAudience.Staff, MessageMedium.Email, [Placeholders.StaffName, Placeholders.Reference, Placeholders.Subject, Placeholders.Tier, Placeholders.Reason, Placeholders.EscalatedBy, Placeholders.DueAt, Placeholders.CaseLink],
            "Escalated to you ({tier}): {reference}",
            """
            {staff_name},

            Case {reference} ("{subject}") has been escalated to you at {tier} by {escalated_by}.

            Reason: {reason}

            Its resolution is due at {due_at}.

            Open the case: {case_link}

            HelpDesk
            """),
        new(TemplateKeys.PasswordReset, "Password reset (staff)",
            "Sent when a member of staff asks for a new password on the sign-in page: a link that works once, for a limited time.",
            MessageAudience.Staff, MessageMedium.Email, [Placeholders.StaffName, Placeholders.ResetLink],
            "Choose a new HelpDesk password",
            """
            {staff_name},

            Someone asked for a new password for your HelpDesk account. To choose one, open this link; it works once, and only for a short while:
            {reset_link}

            If that was not you, ignore this email: your password stays as it is.

            HelpDesk
            """),
        new(TemplateKeys.CustomerMessageNotice, "Customer wrote (staff)",
            "Tells the case's assignee (else its department's supervisor) that the customer wrote, by email or on the status page, and what that did.",
            MessageAudience.Staff, MessageMedium.Email, [Placeholders.StaffName, Placeholders.Reference, Placeholders.Subject, Placeholders.Effect, Placeholders.CaseLink],
            "The customer wrote: {reference}",
            """
            {staff_name},

            The customer wrote on case {reference} ("{subject}"). {effect}

            Open the case: {case_link}

            HelpDesk
            """),
    ];

    /// <summary>Made-up values the template editor's preview inserts.</summary>
    public static readonly IReadOnlyDictionary<string, string> SampleValues = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Placeholders.Reference] = "HD-2026-004217-K",
        [Placeholders.CustomerName] = "Jordan Example",
        [Placeholders.CustomerAddress] = "12 Sample Street\nExampleton\nEX1 2MP",
        [Placeholders.Subject] = "Charged twice for my November bill",
        [Placeholders.ReceivedOn] = "Wednesday 25 November 2026",
        [Placeholders.ReferredTo] = "Sam",
        [Placeholders.HandledBy] = "Sam in Billing",
        [Placeholders.SignedBy] = "Sam\nBilling",
        [Placeholders.Department] = "Billing",
        [Placeholders.ExpectedBy] = "Friday 4 December 2026",
        [Placeholders.Reason] = "we are waiting for our payment provider to confirm the duplicate charge.",
        [Placeholders.Resolution] = "We found that your card was charged twice on 3 November. We have refunded the second charge; it will reach your account within five working days.",
        [Placeholders.SurveyLink] = "https://helpdesk.example/survey/abc123",
        [Placeholders.Suggestion] = "Open the counter on Saturday mornings.",
        [Placeholders.Decision] = "adopted",
        [Placeholders.Explanation] = "From January the counter opens on Saturdays from 09:00 to 13:00.",
        [Placeholders.StaffName] = "Alex Agent",
        [Placeholders.Deadline] = "resolution",
        [Placeholders.DueAt] = "Thursday 26 November 2026, 17:00",
        [Placeholders.Tier] = "tier 2 (team lead / supervisor)",
        [Placeholders.EscalatedBy] = "Alex Agent",
        [Placeholders.CaseLink] = "https://helpdesk.example/cases/HD-2026-004217-K",
        [Placeholders.Today] = "Thursday 26 November 2026",
        [Placeholders.ResetLink] = "https://helpdesk.example/account/reset-password?user=abc&token=xyz",
        [Placeholders.StatusLink] = "https://helpdesk.example/status/link/CfDJ8example",
        [Placeholders.Effect] = "The case was waiting on the customer and has resumed.",
        [Placeholders.Reply] = "Thank you for the photo of the bill. We can see the second charge and have asked our payment provider to reverse it.",
        [Placeholders.WhatIsNeeded] = "A copy of your bank statement for November that shows both charges.",
        [Placeholders.Update] = "Our payment provider has confirmed the duplicate charge; the refund is being prepared.",
    };

    public static StandardMessage? Find(string key) => All.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.Ordinal));
}
