namespace HelpDesk.Application.Common;

/// <summary>
/// Something outside HelpDesk stops it from starting (no PostgreSQL binaries, a port in use, a
/// database that refuses the connection). The message is one sentence that says what to do; the
/// host prints it instead of a stack trace.
/// </summary>
public sealed class StartupProblemException : Exception
{
    public StartupProblemException(string message) : base(message) { }

    public StartupProblemException(string message, Exception innerException) : base(message, innerException) { }

    public StartupProblemException() { }
}
