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
