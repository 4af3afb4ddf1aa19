using System.Reflection;
using FluentValidation;
using HelpDesk.Application.Features.Administration;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Suggestions;
using Microsoft.AspNetCore.Mvc.Filters;

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

    /// <summary>The one key every message goes under, when the page decides it at run time (the field of the row that was posted); null keeps the handler's <see cref="ValidationFailuresAttribute"/>.</summary>
    string? FailedKey => null;
}

/// <summary>
/// Where a handler's validation messages go in ModelState. By default under the form's prefix
/// <c>Input</c> ("Input.Email"), so each message shows beside its field; <see cref="Prefix"/> names another
/// form; <see cref="Key"/> puts every message under one key (a form with one field, or a row's form
/// with none of its own: "" shows them above the list); <see cref="AsConfirmation"/> says the refusal
/// the way the page says a success. On the handler method, or on the page model; on a page's
/// <see cref="IReloadsOnFailure.ReloadAsync"/>, where the messages go when loading the page again is
/// refused too.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class ValidationFailuresAttribute : Attribute
{
    public const string DefaultPrefix = "Input";

    public string Prefix { get; init; } = DefaultPrefix;

    public string? Key { get; init; }

    /// <summary>
    /// The first message goes in the confirmation (TempData) instead of ModelState: for a button whose
    /// answer is the page it was pressed on whatever happened (the outbox's retry).
    /// </summary>
    public bool AsConfirmation { get; init; }

    internal void AddTo(PageModel page, ValidationException exception)
    {
        if (AsConfirmation)
        {
            page.TempData["Confirmation"] = exception.Errors.First().ErrorMessage;
            return;
        }

        foreach (var failure in exception.Errors)
        {
            var key = Key ?? (string.IsNullOrEmpty(failure.PropertyName) ? "" : $"{Prefix}.{failure.PropertyName}");
            page.ModelState.AddModelError(key, failure.ErrorMessage);
        }
    }
}

/// <summary>
/// A download has no page to show messages on: a request its validator refuses answers 400.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BadRequestOnFailureAttribute : Attribute;

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
        if (handler?.GetCustomAttribute<BadRequestOnFailureAttribute>() is not null)
        {
            return new BadRequestResult();
        }

        var reloads = page as IReloadsOnFailure;
        var where = reloads switch
        {
            { FailedKey: { } key } => new ValidationFailuresAttribute { Key = key },
            { FailedForm: { } form } => new ValidationFailuresAttribute { Prefix = form },
            _ => handler?.GetCustomAttribute<ValidationFailuresAttribute>() ?? page.GetType().GetCustomAttribute<ValidationFailuresAttribute>() ?? new ValidationFailuresAttribute(),
        };
        where.AddTo(page, invalid);
        if (reloads is null)
        {
            return page.Page();
        }

        try
        {
            return await reloads.ReloadAsync(cancellationToken);
        }
        catch (ValidationException reloadRefused) when (ReloadFailures(page) is { } again)
        {
            // What the failed form was about can itself be out of range (a review's period): the page
            // says so where its ReloadAsync names and loads once more, knowing it from ModelState.
            again.AddTo(page, reloadRefused);
            return await reloads.ReloadAsync(cancellationToken);
        }
    }

    private static ValidationFailuresAttribute? ReloadFailures(PageModel page)
    {
        var map = page.GetType().GetInterfaceMap(typeof(IReloadsOnFailure));
        var reload = map.TargetMethods[Array.IndexOf(map.InterfaceMethods, typeof(IReloadsOnFailure).GetMethod(nameof(IReloadsOnFailure.ReloadAsync)))];
        return reload.GetCustomAttribute<ValidationFailuresAttribute>();
    }
}
