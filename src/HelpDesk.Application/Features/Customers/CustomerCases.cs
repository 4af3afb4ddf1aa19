using HelpDesk.Application.Persistence.Configurations;

namespace HelpDesk.Application.Features.Customers;

/// <summary>
/// The one rule for which case a customer may see and write on (docs/public-forms.md, "The status
/// page"): the case with that reference whose customer gave that email (in any case) or, when what was
/// given is no email and has at least five digits, that phone number (its digits). A wrong reference and
/// a wrong email take the same single query and find nothing alike.
/// </summary>
internal static class CustomerCases
{
    public static IQueryable<Complaint> Owned(this IQueryable<Complaint> complaints, string? reference, string? contact)
    {
        var reading = ReferenceNumber.Read(reference);
        var given = contact?.Trim() ?? "";
        if (!reading.IsValid || given.Length == 0)
        {
            return complaints.Where(_ => false);
        }

        var number = reading.Reference!.Value.ToString();
        var email = given.ToLowerInvariant();
        var digits = new string(given.Where(char.IsAsciiDigit).ToArray());
        var byPhone = !given.Contains('@', StringComparison.Ordinal) && digits.Length >= 5;
        return complaints.Where(c => c.Reference == number
            && (byPhone
                ? EF.Property<string>(c, ComplaintConfiguration.PhoneDigits) == digits
                : c.Customer.Email != null && c.Customer.Email.ToLower() == email));
    }
}
