using System.Reflection;
using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Administration;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Suggestions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages;

/// <summary>
/// A page that must load its data again before it can be shown after a refused request (the lists,
/// the case, the choices of its forms). Without it the page is shown with what the post bound.
/// </summary>
public interface IReloadsOnFailure
{
    /// <summary>Loads what the page shows (as its OnGet does) and answers the page, or 404 if what it shows is gone.</summary>
    Task<IActionResult> ReloadAsync(CancellationToken cancellationToken);

    /// <summary>The form that failed, when the page decides it at run time; null keeps the handler's <see cref="ValidationFailuresAttribute"/>.</summary>
    string? FailedForm => null;
}

/// <summary>
/// Where a handler's validation messages go in ModelState. By default under the form's prefix
/// <c>Input</c> ("Input.Email"), so each message shows beside its field; <see cref="Prefix"/> names another
/// form; <see cref="Key"/> puts every message under one key (a form with one field, or a row's form
/// with none of its own: "" shows them above the list). On the handler method, or on the page model.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ValidationFailuresAttribute : Attribute
{
    public const string DefaultPrefix = "Input";

    public string Prefix { get; init; } = DefaultPrefix;

    public string? Key { get; init; }

    internal void AddTo(ModelStateDictionary modelState, ValidationException exception)
    {
        if (Key is null)
        {
            modelState.AddValidationFailures(exception, Prefix);
        }
        else
        {
            modelState.AddValidationFailuresTo(exception, Key);
        }
    }
}

/// <summary>
/// The one place a refused request becomes an answer on a page (docs/architecture.md, "How a request
/// flows"): a <see cref="ValidationException"/> becomes ModelState and the page again with what was
/// typed; a thing that does not exist, 404; a step or request the sender's role may not take, 403.
/// Page models send their one request and redirect; they catch only what is theirs alone.
/// </summary>
public sealed class FailedRequestFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled)
        {
            return;
        }

        var answer = executed.Exception switch
        {
            ValidationException invalid when context.HandlerInstance is PageModel page => await ShowAgainAsync(page, context.HandlerMethod?.MethodInfo, invalid, context.HttpContext.RequestAborted),
            CaseNotFoundException or ConfigurationNotFoundException or SuggestionNotFoundException => new NotFoundResult(),
            CaseActionNotPermittedException or RequestNotPermittedException => new ForbidResult(),
            _ => null,
        };
        if (answer is not null)
        {
            executed.Result = answer;
            executed.ExceptionHandled = true;
        }
    }

    private static async Task<IActionResult> ShowAgainAsync(PageModel page, MethodInfo? handler, ValidationException invalid, CancellationToken cancellationToken)
    {
        var reloads = page as IReloadsOnFailure;
        var where = reloads?.FailedForm is { } form
            ? new ValidationFailuresAttribute { Prefix = form }
            : handler?.GetCustomAttribute<ValidationFailuresAttribute>() ?? page.GetType().GetCustomAttribute<ValidationFailuresAttribute>() ?? new ValidationFailuresAttribute();
        where.AddTo(page.ModelState, invalid);
        return reloads is null ? page.Page() : await reloads.ReloadAsync(cancellationToken);
    }
}
