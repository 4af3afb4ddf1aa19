namespace HelpDesk.Domain.Cases;

/// <summary>
/// Who complained and how to reach them. The policy needs at least one way back to the customer:
/// an email, a phone number or a postal address.
/// </summary>
public sealed record CustomerContact
{
    public CustomerContact(string name, string? email, string? phone, string? postalAddress)
    {
        Name = Require(name, nameof(name));
        Email = Blank(email);
        Phone = Blank(phone);
        PostalAddress = Blank(postalAddress);
        if (Email is null && Phone is null && PostalAddress is null)
        {
            throw new DomainRuleException("A customer needs at least one contact detail: an email, a phone number or a postal address.");
        }
    }

    public string Name { get; }
    public string? Email { get; }
    public string? Phone { get; }
    public string? PostalAddress { get; }

    private static string Require(string value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainRuleException($"The customer's {what} is required.") : value.Trim();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
