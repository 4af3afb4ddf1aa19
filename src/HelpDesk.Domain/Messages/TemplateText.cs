using System.Globalization;
using System.Text;

namespace HelpDesk.Domain.Messages;

/// <summary>
/// The little language of message templates: plain text with <c>{placeholder}</c> names, and
/// <c>{{</c> / <c>}}</c> for a literal brace. A template is checked against the placeholders its
/// message allows when it is saved, so a typo never reaches a customer as "{refrence}".
/// </summary>
public static class TemplateText
{
    /// <summary>Everything wrong with <paramref name="text"/>, each in a sentence an administrator can act on.</summary>
    public static IReadOnlyList<string> Problems(string text, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var problems = new List<string>();
        foreach (var token in Tokens(text ?? ""))
        {
            switch (token.Kind)
            {
                case TokenKind.Placeholder when !allowed.Contains(token.Text):
                    problems.Add(allowed.Count == 0
                        ? $"{{{token.Text}}} is not a placeholder this message knows; it takes none."
                        : $"{{{token.Text}}} is not a placeholder this message knows; use one of {string.Join(", ", allowed.Select(a => "{" + a + "}"))}.");
                    break;
                case TokenKind.UnmatchedOpen:
                    problems.Add($"The '{{' at character {token.Position + 1} is never closed: close it with '}}', or write '{{{{' for a brace in the text.");
                    break;
                case TokenKind.UnmatchedClose:
                    problems.Add($"The '}}' at character {token.Position + 1} closes nothing: write '}}}}' for a brace in the text.");
                    break;
                case TokenKind.EmptyPlaceholder:
                    problems.Add($"The '{{}}' at character {token.Position + 1} names no placeholder.");
                    break;
            }
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The placeholder names <paramref name="text"/> uses, in order of first use.</summary>
    public static IReadOnlyList<string> PlaceholdersIn(string text) =>
        Tokens(text ?? "").Where(t => t.Kind == TokenKind.Placeholder).Select(t => t.Text).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The text with each placeholder replaced by its value, inserted as text. A placeholder without a
    /// value is a caller's mistake and throws, rather than sending a customer a blank.
    /// </summary>
    public static string Render(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var rendered = new StringBuilder();
        foreach (var token in Tokens(text ?? ""))
        {
            switch (token.Kind)
            {
                case TokenKind.Literal:
                    rendered.Append(token.Text);
                    break;
                case TokenKind.Placeholder:
                    rendered.Append(values.TryGetValue(token.Text, out var value)
                        ? value
                        : throw new ArgumentException($"No value was given for {{{token.Text}}}.", nameof(values)));
                    break;
                default:
                    throw new DomainRuleException("The template has an unbalanced brace; fix it on its edit page.");
            }
        }

        return rendered.ToString();
    }

    private enum TokenKind { Literal, Placeholder, UnmatchedOpen, UnmatchedClose, EmptyPlaceholder }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);

    private static IEnumerable<Token> Tokens(string text)
    {
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '{' && i + 1 < text.Length && text[i + 1] == '{' || c == '}' && i + 1 < text.Length && text[i + 1] == '}')
            {
                literal.Append(c);
                i += 2;
                continue;
            }

            if (c == '}')
            {
                yield return new Token(TokenKind.UnmatchedClose, "}", i);
                i++;
                continue;
            }

            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }

            var close = text.IndexOf('}', i + 1);
            var nextOpen = text.IndexOf('{', i + 1);
            if (close < 0 || nextOpen >= 0 && nextOpen < close || text.AsSpan(i + 1, close - i - 1).ContainsAny('\r', '\n'))
            {
                yield return new Token(TokenKind.UnmatchedOpen, "{", i);
                i++;
                continue;
            }

            if (literal.Length > 0)
            {
                yield return new Token(TokenKind.Literal, literal.ToString(), i - literal.Length);
                literal.Clear();
            }

            var name = text[(i + 1)..close].Trim().ToLower(CultureInfo.InvariantCulture);
            yield return name.Length == 0 ? new Token(TokenKind.EmptyPlaceholder, "", i) : new Token(TokenKind.Placeholder, name, i);
            i = close + 1;
        }

        if (literal.Length > 0)
        {
            yield return new Token(TokenKind.Literal, literal.ToString(), text.Length - literal.Length);
        }
    }
}
