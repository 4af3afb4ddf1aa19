using Microsoft.AspNetCore.Mvc.Rendering;

namespace HelpDesk.Web.Pages;

/// <summary>
/// What one rendering of a page knows about its fields: which element carries each field and which
/// element carries each field's message. The error summary is drawn before the fields it links to, so
/// its links and the fields' <c>aria-describedby</c> are written out lazily, once the whole page has
/// rendered (Razor buffers the page and writes it at the end); see docs/accessibility.md.
/// </summary>
public sealed class FormErrorTargets
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _messages = new(StringComparer.OrdinalIgnoreCase);

    public bool SummaryFocused { get; set; }

    public static FormErrorTargets Of(ViewContext viewContext)
    {
        ArgumentNullException.ThrowIfNull(viewContext);
        var items = viewContext.HttpContext.Items;
        if (items[typeof(FormErrorTargets)] is not FormErrorTargets targets)
        {
            targets = new FormErrorTargets();
            items[typeof(FormErrorTargets)] = targets;
        }
        return targets;
    }

    /// <summary>The first control named for a field is where its summary link goes (a radio group's first choice).</summary>
    public void Field(string key, string id) => _fields.TryAdd(key, id);

    public void Message(string key, string id) => _messages.TryAdd(key, id);

    public string? FieldId(string key) => _fields.GetValueOrDefault(key);

    public string? MessageId(string key) => _messages.GetValueOrDefault(key);

    /// <summary>The id ASP.NET gives the element for a field name (<c>Input.Email</c> becomes <c>Input_Email</c>).</summary>
    public static string IdFor(string key) => TagBuilder.CreateSanitizedId(key, "_");
}
