using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Common;

/// <summary>Who is sending the current request; the web host reads it from the signed-in principal.</summary>
public interface ICurrentUser
{
    Actor Actor { get; }
}
