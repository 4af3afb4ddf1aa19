using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Persistence;

/// <summary>
/// Issues reference numbers from a per-year counter row in the database, so that no two cases ever
/// share one however many agents or app instances log at once.
/// </summary>
/// <remarks>
/// The increment runs as its own statement, outside the transaction that stores the case: the row is
/// locked only for that one statement, so concurrent logging does not queue behind each other's
/// saves. A case that then fails to save leaves a gap in the numbers, which is harmless.
/// </remarks>
public sealed class ReferenceNumberIssuer(HelpDeskDbContext db, IOptions<HelpDeskOptions> options)
{
    public async Task<ReferenceNumber> IssueAsync(int year, CancellationToken cancellationToken)
    {
        // INSERT ... RETURNING cannot be composed over, so no Single() in SQL: take the one row here.
        var counters = await db.Database
            .SqlQuery<long>($"""
                INSERT INTO reference_counters (year, last_value) VALUES ({year}, 1)
                ON CONFLICT (year) DO UPDATE SET last_value = reference_counters.last_value + 1
                RETURNING last_value AS "Value"
                """)
            .ToListAsync(cancellationToken);
        return ReferenceNumber.Create(options.Value.ReferencePrefix, year, counters.Single());
    }
}
