using System.Collections.Concurrent;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Sla;

/// <summary>
/// The SLA table in force, read from the database: the live rows with their calendars, ready to match
/// a case. Calendars are cached by id and version (an edit bumps the version), because a built
/// <see cref="BusinessCalendar"/> keeps per-year tables that are worth reusing across requests and
/// app instances see each other's edits through the version.
/// </summary>
public sealed class SlaPolicy(HelpDeskDbContext db, SlaCalendarCache cache)
{
    public async Task<SlaTable> CurrentTableAsync(CancellationToken cancellationToken)
    {
        var rules = await db.SlaRules.AsNoTracking().Where(r => !r.IsRetired).ToListAsync(cancellationToken);
        var typeNames = await db.ComplaintTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var calendars = await CalendarsAsync(cancellationToken);
        return SlaTable.Create(rules.Select(r =>
            r.ToRow(r.ComplaintTypeId is { } id ? typeNames[id] : null, calendars[r.CalendarId])));
    }

    /// <summary>Every calendar by id, built (or taken from the cache when unchanged).</summary>
    public async Task<IReadOnlyDictionary<int, BusinessCalendar>> CalendarsAsync(CancellationToken cancellationToken)
    {
        var versions = await db.Calendars.AsNoTracking().Select(c => new { c.Id, c.Version }).ToListAsync(cancellationToken);
        var missing = versions.Where(v => !cache.TryGet(v.Id, v.Version, out _)).Select(v => v.Id).ToList();
        if (missing.Count > 0)
        {
            foreach (var definition in await db.Calendars.AsNoTracking().Where(c => missing.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                cache.Put(definition.Id, definition.Version, definition.ToBusinessCalendar());
            }
        }

        return versions.ToDictionary(v => v.Id, v => cache.TryGet(v.Id, v.Version, out var calendar) ? calendar : throw new InvalidOperationException($"Calendar {v.Id} changed while it was read; try again."));
    }

    /// <summary>The calendar a case's deadlines were computed on, by the name the case keeps.</summary>
    public async Task<BusinessCalendar> CalendarNamedAsync(string name, CancellationToken cancellationToken)
    {
        var id = await db.Calendars.AsNoTracking().Where(c => c.Name == name).Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"No calendar is named {name}.");
        return (await CalendarsAsync(cancellationToken))[id];
    }
}

/// <summary>Built calendars shared by every request of this app instance.</summary>
public sealed class SlaCalendarCache
{
    private readonly ConcurrentDictionary<int, (int Version, BusinessCalendar Calendar)> _calendars = new();

    public bool TryGet(int id, int version, out BusinessCalendar calendar)
    {
        if (_calendars.TryGetValue(id, out var entry) && entry.Version == version)
        {
            calendar = entry.Calendar;
            return true;
        }

        calendar = null!;
        return false;
    }

    public void Put(int id, int version, BusinessCalendar calendar) => _calendars[id] = (version, calendar);
}
