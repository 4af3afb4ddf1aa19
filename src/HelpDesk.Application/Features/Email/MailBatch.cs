using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Email;

/// <summary>
/// What the messages of one batch read from a mailbox (docs/email.md, "Reading") have in common and
/// none of them changes: every mailbox (this one's settings, every one's addresses, which are our
/// own), the department new cases go to, the SLA table and calendars. The first message of the batch
/// reads each; the rest reuse it. A batch is at most <c>MailboxReader.BatchSize</c> messages, so a
/// mailbox, department or SLA rule changed meanwhile counts from the next batch, a second or so later.
/// Not shared between threads: a batch's messages are handled one after another.
/// </summary>
public sealed class MailBatch
{
    private readonly Dictionary<int, string> _departmentNames = [];
    private readonly Dictionary<string, BusinessCalendar> _calendars = new(StringComparer.Ordinal);
    private List<Mailbox>? _mailboxes;
    private SlaTable? _table;

    internal async Task<List<Mailbox>> MailboxesAsync(Func<Task<List<Mailbox>>> read) => _mailboxes ??= await read();

    internal async Task<SlaTable> TableAsync(Func<Task<SlaTable>> read) => _table ??= await read();

    internal async Task<string> DepartmentNameAsync(int id, Func<Task<string>> read)
    {
        if (!_departmentNames.TryGetValue(id, out var name))
        {
            name = await read();
            _departmentNames[id] = name;
        }

        return name;
    }

    internal async Task<BusinessCalendar> CalendarAsync(string name, Func<Task<BusinessCalendar>> read)
    {
        if (!_calendars.TryGetValue(name, out var calendar))
        {
            calendar = await read();
            _calendars[name] = calendar;
        }

        return calendar;
    }
}
