namespace HelpDesk.Application.Features.Administration;

/// <summary>An edit named a complaint type, SLA row or calendar that does not exist; pages answer 404.</summary>
public sealed class ConfigurationNotFoundException : Exception
{
    public ConfigurationNotFoundException(string what, int id) : base($"There is no {what} {id}.") { }

    public ConfigurationNotFoundException() { }

    public ConfigurationNotFoundException(string message) : base(message) { }

    public ConfigurationNotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
