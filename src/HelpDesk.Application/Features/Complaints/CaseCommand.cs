namespace HelpDesk.Application.Features.Complaints;

/// <summary>
/// A step on an existing case, sent from a form. <see cref="Version"/> is the case's row version
/// (PostgreSQL's <c>xmin</c>) when the form was drawn: a save over someone else's change is refused.
/// <see cref="ActionId"/> is the form's one-time token: the same post twice records the step once.
/// Both are optional so that callers with no form (tests, background work) need neither.
/// </summary>
public abstract record CaseCommand
{
    public uint? Version { get; init; }

    public Guid? ActionId { get; init; }
}

/// <summary>The case changed after the form was drawn; nothing was stored. Pages show what changed and keep what was typed.</summary>
public sealed class CaseChangedException : Exception
{
    public CaseChangedException(string reference) : base($"The case {reference} changed after the form was drawn.") => Reference = reference;

    public CaseChangedException() { }

    public CaseChangedException(string message, Exception innerException) : base(message, innerException) { }

    public string? Reference { get; }
}

/// <summary>This form's step was recorded already (a double click, a resent post); nothing more was stored.</summary>
public sealed class ActionAlreadyRecordedException : Exception
{
    public ActionAlreadyRecordedException(string reference) : base($"That step on {reference} was already recorded.") => Reference = reference;

    public ActionAlreadyRecordedException() { }

    public ActionAlreadyRecordedException(string message, Exception innerException) : base(message, innerException) { }

    public string? Reference { get; }
}

/// <summary>The step is a supervisor's (or the case is someone else's to pass on); pages answer 403.</summary>
public sealed class CaseActionNotPermittedException : Exception
{
    public CaseActionNotPermittedException(string reference, string action) : base($"Not permitted to {action} on {reference}.") => Reference = reference;

    public CaseActionNotPermittedException() { }

    public CaseActionNotPermittedException(string message, Exception innerException) : base(message, innerException) { }

    public string? Reference { get; }
}
