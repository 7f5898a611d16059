using DeepSeek.Observe.Core;
using DeepSeek.Observe.Core.Series;
using DeepSeek.Observe.Query.Promql.Ast;

namespace DeepSeek.Observe.Query.Promql;

/// <summary>Vector selectors: an optional metric name and a braced list of label matchers.</summary>
internal sealed partial class Parser
{
    private VectorSelector ParseSelector(Token? name)
    {
        var matchers = new List<LabelMatcher>();
        if (name is { } metric)
        {
            matchers.Add(LabelMatcher.Create(LabelNames.MetricName, LabelMatchType.Equal, metric.Text));
        }

        var position = name?.Position ?? Peek.Position;
        if (Peek.Kind == TokenKind.LeftBrace)
        {
            Next();
            ParseMatchers(matchers);
        }

        return new VectorSelector(name?.Text ?? string.Empty, matchers) { Position = position };
    }

    // The lexer has already checked the braces' contents token by token; this checks their order.
    private void ParseMatchers(List<LabelMatcher> matchers)
    {
        while (Peek.Kind != TokenKind.RightBrace)
        {
            var label = Expect(TokenKind.Identifier, "label matching", "identifier or \"}\"");
            var type = Peek.Kind switch
            {
                TokenKind.Assign => LabelMatchType.Equal,
                TokenKind.NotEqual => LabelMatchType.NotEqual,
                TokenKind.RegexMatch => LabelMatchType.Regex,
                TokenKind.RegexNoMatch => LabelMatchType.NotRegex,
                _ => throw Unexpected("label matching", "label matching operator"),
            };
            Next();
            var value = Expect(TokenKind.String, "label matching", "string");
            try
            {
                matchers.Add(LabelMatcher.Create(label.Text, type, StringLiteral.Unquote(value.Text)));
            }
            catch (ArgumentException ex)
            {
                throw new PromqlParseException(_query, label.Position, ex.Message, ex);
            }

            if (Peek.Kind == TokenKind.Comma)
            {
                Next();
            }
            else if (Peek.Kind != TokenKind.RightBrace)
            {
                throw Unexpected("label matching", "\",\" or \"}\"");
            }
        }

        Next();
    }
}
