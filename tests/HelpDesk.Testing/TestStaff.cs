using HelpDesk.Application.Common;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Testing;

/// <summary>The member of staff a handler test acts as.</summary>
public sealed class TestCurrentUser : ICurrentUser
{
    public Actor Actor { get; set; } = new("test-agent-id", "Alex Agent");

    public bool Supervises { get; set; }

    public int? DepartmentId { get; set; }
}
