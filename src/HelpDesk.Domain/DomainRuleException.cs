namespace HelpDesk.Domain;

/// <summary>
/// A rule of the policy was broken. Validators stop bad input before it gets here; this is the
/// last line that keeps an invalid case out of the database whoever calls the model.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException(string message) : base(message) { }

    public DomainRuleException() { }

    public DomainRuleException(string message, Exception innerException) : base(message, innerException) { }
}
