using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HelpDesk.Web.Pages;

/// <summary>
/// Copies a command's validation failures into ModelState, under the form's prefix, so each message
/// shows beside the field it is about and the form keeps what the user typed.
/// </summary>
public static class ModelStateValidation
{
    public static void AddValidationFailures(this ModelStateDictionary modelState, ValidationException exception, string prefix)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var failure in exception.Errors)
        {
            var key = string.IsNullOrEmpty(failure.PropertyName) ? "" : $"{prefix}.{failure.PropertyName}";
            modelState.AddModelError(key, failure.ErrorMessage);
        }
    }

    /// <summary>
    /// For a form with one field, or a row's form with none of its own: every message goes under one key
    /// ("" shows it above the list).
    /// </summary>
    public static void AddValidationFailuresTo(this ModelStateDictionary modelState, ValidationException exception, string key)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var failure in exception.Errors)
        {
            modelState.AddModelError(key, failure.ErrorMessage);
        }
    }
}
