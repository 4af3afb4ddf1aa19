namespace HelpDesk.Application.Common;

/// <summary>Who is sending the current request; the web host reads it from the signed-in principal.</summary>
public interface ICurrentUser
{
    Actor Actor { get; }

    /// <summary>A supervisor (or administrator): may reassign, escalate past tier 2 and extend deadlines.</summary>
    bool Supervises => false;

    /// <summary>The department the member of staff belongs to, if any: an agent acts on its cases.</summary>
    int? DepartmentId => null;

    CaseWorker Worker => new(Actor.Id, Supervises, DepartmentId);
}
