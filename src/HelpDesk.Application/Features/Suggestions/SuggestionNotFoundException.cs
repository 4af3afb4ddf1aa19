namespace HelpDesk.Application.Features.Suggestions;

/// <summary>No suggestion has that id; pages answer 404.</summary>
public sealed class SuggestionNotFoundException : Exception
{
    public SuggestionNotFoundException(long id) : base($"No suggestion has the id {id}.") => Id = id;

    public SuggestionNotFoundException() { }

    public SuggestionNotFoundException(string message, Exception innerException) : base(message, innerException) { }

    public long? Id { get; }
}
