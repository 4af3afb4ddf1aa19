using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Case pages hold customers' personal data and forms stamped with the case's row version: a cached
/// copy would leak the one and bring back the other stale. (MVC's [ResponseCache] is an action filter,
/// which Razor Pages do not run when it is added by a folder convention.)
/// </summary>
public sealed class NoStoreFilter : IResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HttpContext.Response.Headers.CacheControl = "no-store, no-cache";
        context.HttpContext.Response.Headers.Pragma = "no-cache";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

/// <summary>
/// The one place that says which pages are never kept by a cache: every page holding personal data,
/// case forms, administration (messages sent to customers, the history of every change) or the
/// dashboard's figures, and the error page (it must not outlive the failure). A new page in these
/// folders is no-store without anyone remembering to mark it.
/// </summary>
public sealed class NoStoreConvention : IPageApplicationModelConvention
{
    public static readonly IReadOnlyList<string> Folders = ["/Cases", "/Public", "/Admin", "/Suggestions", "/Dashboard"];

    public static readonly IReadOnlyList<string> Pages = ["/Error"];

    public void Apply(PageApplicationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var page = model.ViewEnginePath;
        if (Pages.Contains(page, StringComparer.OrdinalIgnoreCase)
            || Folders.Any(folder => page.StartsWith(folder + "/", StringComparison.OrdinalIgnoreCase)))
        {
            model.Filters.Add(new NoStoreFilter());
        }
    }
}
