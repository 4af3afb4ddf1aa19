using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Tests.Cases;

public class ComplaintTypeTests
{
    [Fact]
    public void A_renamed_type_keeps_its_trimmed_new_name()
    {
        var type = new ComplaintType("Billing issues");

        type.Rename("  Billing and payments ");

        Assert.Equal("Billing and payments", type.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_type_needs_a_name(string name)
    {
        var type = new ComplaintType("General");

        Assert.Throws<DomainRuleException>(() => type.Rename(name));
        Assert.Throws<DomainRuleException>(() => new ComplaintType(name));
        Assert.Equal("General", type.Name);
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_refused()
    {
        Assert.Throws<DomainRuleException>(() => new ComplaintType(new string('x', ComplaintType.NameMaxLength + 1)));
        Assert.Equal(ComplaintType.NameMaxLength, new ComplaintType(new string('x', ComplaintType.NameMaxLength)).Name.Length);
    }

    [Fact]
    public void A_retired_type_is_not_offered_until_reactivated_and_neither_step_can_be_repeated()
    {
        var type = new ComplaintType("Product defects");

        type.Retire();
        Assert.False(type.IsActive);
        Assert.Throws<DomainRuleException>(type.Retire);

        type.Reactivate();
        Assert.True(type.IsActive);
        Assert.Throws<DomainRuleException>(type.Reactivate);
    }
}
